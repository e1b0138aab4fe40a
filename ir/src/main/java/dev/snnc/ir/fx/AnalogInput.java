package dev.snnc.ir.fx;

import java.util.Map;

/**
 * The analog first layer: for each image the mapper's function turns the preprocessed pixels into
 * integer per-neuron currents for the populations it drives (added to their constant bias every
 * step), e.g. {@code round(S · (conv(x) + b))}. Kept as code, not data, because it is evaluated
 * per image; a backend emits it as input currents or graded spikes.
 */
@FunctionalInterface
public interface AnalogInput {
    /** Per-population integer currents for one preprocessed image ({@code [C,H,W]} row-major). */
    Map<String, long[]> currents(float[] image);
}
