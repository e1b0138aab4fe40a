package dev.snnc.calibration.calib;

import dev.snnc.ir.Graph;
import java.util.List;
import java.util.Map;

/**
 * Where threshold calibration's data-parallel part runs: each batch's threshold estimate per
 * population (maximum, percentile or MSE grid search over that batch's ANN activations). Batches are
 * independent; {@link ThresholdCalibration} folds them into the smoothed thresholds in batch order,
 * so any implementation that returns the same per-batch estimates gives the same thresholds.
 * {@link #LOCAL} computes them in this JVM; the distributed module spreads them over Spark.
 */
public interface ThresholdStatistics {
    /**
     * Batch b's estimate per population (IfNeuron node name → one value, or one per channel), for
     * b = 0..batches−1 in order. {@code ann} carries its preprocessing; {@code images} are the
     * calibration images the batches are cut from ({@code opt.batchSize()} each).
     */
    List<Map<String, double[]>> perBatch(Graph ann, List<String> populations, CalibrationImages images,
                                         CalibrationOptions opt, int batches, ProgressSink progress);

    /** In this JVM, one batch after another. */
    ThresholdStatistics LOCAL = (ann, populations, images, opt, batches, progress) ->
            ThresholdBatches.compute(ann, populations, images, opt.batchSize(), opt.threshold(), opt.timesteps(),
                    opt.threads(), 0, batches, progress);
}
