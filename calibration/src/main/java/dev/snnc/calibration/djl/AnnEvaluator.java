package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.ir.Graph;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.util.function.IntConsumer;

/** Top-1 accuracy of the float ANN over a data set, batch by batch with a sub-manager per batch. */
public final class AnnEvaluator {
    /** Result of one pass; {@code predictions[i]} is the arg-max class of image i. */
    public record Result(int images, int correct, double seconds, int[] predictions) {
        public double accuracy() {
            return images == 0 ? 0 : (double) correct / images;
        }

        public double imagesPerSecond() {
            return images / Math.max(seconds, 1e-9);
        }
    }

    private AnnEvaluator() {
    }

    /**
     * @param progress called with the number of images finished after each batch
     */
    public static Result evaluate(FloatGraphExecutor exec, ImageSet data, Preprocessing pre, int batchSize,
                                  IntConsumer progress) {
        requireMatchingShape(exec.graph(), data);
        if (batchSize < 1) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC,
                    "batch size must be at least 1, got " + batchSize));
        }
        int n = data.size();
        int[] predictions = new int[n];
        int correct = 0;
        long t0 = System.nanoTime();
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            try (NDManager scope = exec.manager().newSubManager()) {
                NDArray logits = exec.forward(exec.inputArray(scope, data.batch(start, count, pre), count));
                long[] top = logits.argMax(1).toLongArray();
                for (int i = 0; i < count; i++) {
                    predictions[start + i] = (int) top[i];
                    if (top[i] == data.label(start + i)) {
                        correct++;
                    }
                }
            }
            progress.accept(start + count);
        }
        return new Result(n, correct, (System.nanoTime() - t0) / 1e9, predictions);
    }

    static void requireMatchingShape(Graph g, ImageSet data) {
        if (!g.inputShape().equals(data.imageShape())) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.DATA_MISMATCH, Origin.SYNTHETIC,
                    "model '" + g.name() + "' expects input " + g.inputShape() + " but images in " + data.source()
                            + " have shape " + data.imageShape()));
        }
    }
}
