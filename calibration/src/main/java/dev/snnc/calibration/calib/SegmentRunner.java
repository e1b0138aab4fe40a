package dev.snnc.calibration.calib;

import ai.djl.ndarray.NDArray;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import java.util.Set;

/** Runs the current segment on calibration batch {@code batch} (images {@code x}), recording sums over T. */
@FunctionalInterface
interface SegmentRunner {
    FloatSnnExecutor.Run run(NDArray x, int batch, Set<String> record);
}
