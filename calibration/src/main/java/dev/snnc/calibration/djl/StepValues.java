package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** A value supplied from outside a segment run, one array per time step (e.g. cached spikes). */
public interface StepValues {
    /** The value at step {@code t}; called inside a step whose manager holds {@link #arrays()}. */
    NDArray at(int t);

    /** Long-lived arrays to attach to each step's manager so per-step views do not pile up. */
    List<NDArray> arrays();
}
