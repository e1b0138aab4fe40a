package dev.snnc.calibration.calib;

import dev.snnc.ir.Graph;

/**
 * Where bias and potential calibration measure a population when they do not run in this JVM: a
 * full pass of {@code snn} (every earlier population computed afresh, no spike cache) for
 * {@code population} over all calibration images, returned as the measurement the local pass gives.
 * The distributed module spreads the pass batches over Spark and adds the parts in batch order
 * ({@link RateMeasurement#finish}).
 */
public interface LayerStatistics {
    RateMeasurement.Result measure(Graph snn, String population, CalibrationImages images, CalibrationOptions opt);
}
