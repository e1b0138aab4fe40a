package dev.snnc.calibration.calib;

import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets every population's threshold from the ANN activations of the layer it replaced, batch by
 * batch with exponential smoothing {@code θ ← m·θ + (1 − m)·θ_batch} (the first batch initialises).
 * The per-batch estimates come from a {@link ThresholdStatistics} (this JVM, or Spark); the
 * smoothing runs here, in batch order.
 */
final class ThresholdCalibration {
    private ThresholdCalibration() {
    }

    static Graph run(Graph ann, Graph snn, CalibrationImages images, CalibrationOptions opt, ProgressSink progress,
                     ThresholdStatistics statistics) {
        int batches = Math.min(opt.thresholdBatches(), (images.size() + opt.batchSize() - 1) / opt.batchSize());
        List<String> populations = new ArrayList<>();
        for (Node node : snn.nodes()) {
            if (node.op() instanceof IfNeuron) {
                populations.add(node.name());
            }
        }
        progress.start("thresholds", batches);
        List<Map<String, double[]>> perBatch = statistics.perBatch(ann, populations, images, opt, batches, progress);
        progress.end();
        if (perBatch.size() != batches) {
            throw new IllegalStateException("threshold statistics returned " + perBatch.size() + " of " + batches + " batches");
        }
        // folded in batch order: the same per-batch estimates give the same thresholds wherever they were computed
        Map<String, double[]> smoothed = new LinkedHashMap<>();
        for (Map<String, double[]> batch : perBatch) {
            for (String p : populations) {
                smoothed.merge(p, batch.get(p), (old, fresh) -> ema(old, fresh, opt.emaMomentum()));
            }
        }
        Graph out = snn;
        for (Map.Entry<String, double[]> e : smoothed.entrySet()) {
            IfNeuron f = (IfNeuron) out.node(e.getKey()).orElseThrow().op();
            out = out.withOp(e.getKey(), f.withThreshold(positive(e.getValue())));
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
