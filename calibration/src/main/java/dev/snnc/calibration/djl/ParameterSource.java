package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;

/** Per-node parameters on the device: weight (or scale, or threshold) and bias (or shift). */
interface ParameterSource {
    NDArray weight(String node);

    NDArray bias(String node);
}
