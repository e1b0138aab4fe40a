package dev.snnc.calibration.djl;

import dev.snnc.ir.InputEncoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.ir.Graph;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Node;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.op.IfNeuron;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;

/**
 * Float SNN accuracy over a data set: argmax of the classifier output summed over T, plus each
 * population's firing rate (spikes per neuron per step).
 */
public final class SnnEvaluator {
    /** Accuracy, predictions, firing rates by population, and timing. */
    public record Result(int images, int correct, int timesteps, double seconds, int[] predictions,
                         Map<String, Double> firingRates) {
        public double accuracy() {
            return images == 0 ? 0 : (double) correct / images;
        }

        /** Image-steps per second: images × T / seconds. */
        public double imageStepsPerSecond() {
            return (double) images * timesteps / Math.max(seconds, 1e-9);
        }

        public double meanFiringRate() {
            return firingRates.values().stream().mapToDouble(Double::doubleValue).average().orElse(0);
        }
    }

    private SnnEvaluator() {
    }

    public static Result evaluate(FloatSnnExecutor exec, ImageSet data, Preprocessing pre, int timesteps,
                                  InputEncoding encoding, int batchSize, IntConsumer progress) {
        Graph g = exec.graph();
        AnnEvaluator.requireMatchingShape(g, data);
        int n = data.size();
        batchSize = PassBatch.fit(g, batchSize, PassBatch.EVALUATION_BYTES);
        int[] predictions = new int[n];
        Map<String, Double> spikeTotals = new LinkedHashMap<>();
        int correct = 0;
        long t0 = System.nanoTime();
        for (int start = 0; start < n; start += batchSize) {
            int count = Math.min(batchSize, n - start);
            try (NDManager scope = exec.manager().newSubManager()) {
                NDArray input = scope.create(data.batch(start, count, pre), BatchShapes.of(g.inputShape(), count));
                FloatSnnExecutor.Run run = exec.run(input, timesteps, encoding, pre, null, Set.of(), true);
                long[] top = run.sums().get(g.outputName()).argMax(1).toLongArray();
                for (int i = 0; i < count; i++) {
                    predictions[start + i] = (int) top[i];
                    if (top[i] == data.label(start + i)) {
                        correct++;
                    }
                }
                run.spikeCounts().forEach((name, total) -> spikeTotals.merge(name, (double) total.getFloat(), Double::sum));
            }
            progress.accept(start + count);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Node node : g.nodes()) {
            if (node.op() instanceof IfNeuron) {
                double neurons = g.shapeOf(node.name()).size();
                rates.put(node.name(), spikeTotals.getOrDefault(node.name(), 0.0) / (neurons * timesteps * n));
            }
        }
        return new Result(n, correct, timesteps, seconds, predictions, rates);
    }
}
