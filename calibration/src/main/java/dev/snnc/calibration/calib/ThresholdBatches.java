package dev.snnc.calibration.calib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.threshold.ThresholdEstimator;
import dev.snnc.calibration.threshold.ThresholdSpec;
import dev.snnc.ir.Graph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-batch threshold estimates: the ANN runs batch b of the calibration images and each listed
 * population's estimate is taken from the activations of the layer it replaced. Public so that a
 * distributed run can compute a range of batches on an executor.
 */
public final class ThresholdBatches {
    private ThresholdBatches() {
    }

    /** Batches {@code from..to−1} (each {@code batchSize} images), in order. */
    public static List<Map<String, double[]>> compute(Graph ann, List<String> populations, CalibrationImages images,
                                                      int batchSize, ThresholdSpec spec, int timesteps, int threads,
                                                      int from, int to, ProgressSink progress) {
        List<Map<String, double[]>> out = new ArrayList<>();
        try (FloatGraphExecutor exec = new FloatGraphExecutor(ann, threads)) {
            for (int b = from; b < to; b++) {
                int start = b * batchSize;
                int n = Math.min(batchSize, images.size() - start);
                try (NDManager scope = exec.manager().newSubManager()) {
                    Map<String, NDArray> values = exec.forwardKeeping(images.batch(scope, start, n),
                            new java.util.HashSet<>(populations));
                    Map<String, double[]> batch = new LinkedHashMap<>();
                    for (String p : populations) {
                        batch.put(p, estimate(values.get(p), spec, timesteps));
                    }
                    out.add(batch);
                }
                progress.advance(b + 1);
            }
        }
        return out;
    }

    /** Layer-wise: one value; channel-wise: one per channel (axis 1 of the batch). */
    static double[] estimate(NDArray activations, ThresholdSpec spec, int timesteps) {
        if (!spec.channelWise()) {
            return new double[] {ThresholdEstimator.estimate(spec, activations.toFloatArray(), timesteps)};
        }
        int channels = (int) activations.getShape().get(1);
        NDArray perChannel = activations.swapAxes(0, 1).reshape(channels, -1);
        double[] out = new double[channels];
        for (int c = 0; c < channels; c++) {
            out[c] = ThresholdEstimator.estimate(spec, perChannel.get(c).toFloatArray(), timesteps);
        }
        return out;
    }
}
