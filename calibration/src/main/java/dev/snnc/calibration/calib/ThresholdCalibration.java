package dev.snnc.calibration.calib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.threshold.ThresholdEstimator;
import dev.snnc.calibration.threshold.ThresholdSpec;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sets every population's threshold from the ANN activations of the layer it replaced, batch by
 * batch with exponential smoothing {@code θ ← m·θ + (1 − m)·θ_batch} (the first batch initialises).
 */
final class ThresholdCalibration {
    private ThresholdCalibration() {
    }

    static Graph run(Graph ann, Graph snn, CalibrationImages images, CalibrationOptions opt, ProgressSink progress) {
        Map<String, double[]> smoothed = new LinkedHashMap<>();
        int batches = Math.min(opt.thresholdBatches(), (images.size() + opt.batchSize() - 1) / opt.batchSize());
        progress.start("thresholds", batches);
        try (FloatGraphExecutor exec = new FloatGraphExecutor(ann, opt.threads())) {
            for (int b = 0; b < batches; b++) {
                int start = b * opt.batchSize();
                int n = Math.min(opt.batchSize(), images.size() - start);
                try (NDManager scope = exec.manager().newSubManager()) {
                    Map<String, NDArray> values = exec.forwardAll(images.batch(scope, start, n));
                    for (Node node : snn.nodes()) {
                        if (node.op() instanceof IfNeuron) {
                            double[] batchTheta = estimate(values.get(node.name()), opt.threshold(), opt.timesteps());
                            smoothed.merge(node.name(), batchTheta, (old, fresh) -> ema(old, fresh, opt.emaMomentum()));
                        }
                    }
                }
                progress.advance(b + 1);
            }
        }
        progress.end();
        Graph out = snn;
        for (Map.Entry<String, double[]> e : smoothed.entrySet()) {
            IfNeuron f = (IfNeuron) out.node(e.getKey()).orElseThrow().op();
            out = out.withOp(e.getKey(), f.withThreshold(positive(e.getValue())));
        }
        return out;
    }

    /** Layer-wise: one value; channel-wise: one per channel (axis 1 of the batch). */
    private static double[] estimate(NDArray activations, ThresholdSpec spec, int timesteps) {
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

    private static double[] ema(double[] old, double[] fresh, double m) {
        double[] out = new double[old.length];
        for (int i = 0; i < old.length; i++) {
            out[i] = m * old[i] + (1 - m) * fresh[i];
        }
        return out;
    }

    /**
     * A channel that never activated on the calibration data gets threshold 1 in activation units:
     * any positive value is exact for it, and it keeps the neuron model valid.
     */
    private static Tensor positive(double[] theta) {
        float[] f = new float[theta.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = theta[i] > 0 ? (float) theta[i] : 1f;
        }
        return Tensor.of(f, f.length);
    }
}
