package dev.snnc.ir.fx;

import dev.snnc.ir.Shape;
import java.util.Arrays;

/**
 * The integer first layer: raw pixel bytes (0..255, the dataset's own integers, before any
 * preprocessing) act as graded spikes through {@code synapses} (source {@value #SOURCE}); the
 * shifted sum plus {@code bias} is a constant per-neuron current of {@code population} for the
 * whole run, added to its bias every step. The preprocessing's scale, mean and std are folded
 * into the weights and the per-neuron bias (exact at zero-padded borders), so the image enters
 * as the integers a sensor or host delivers. On Loihi the host programs these currents as
 * per-neuron bias; on the FPGA the engine computes them once per image.
 * With rate-coded input ({@link FxInputEncoding}) the synapses instead carry each step's pixel
 * spikes (weight per spike) and only {@code bias} is a constant current.
 *
 * @param population the population driven
 * @param synapses   projection from the pixel grid ({@code sourceShape} is the image shape)
 * @param bias       per-neuron constant, in the population's voltage units
 */
public record FxInput(String population, FxSynapses synapses, long[] bias) {
    /** Source name of the pixel grid in {@link FxSynapses#source()}. */
    public static final String SOURCE = "@image";

    public FxInput {
        bias = bias.clone();
        if (!synapses.source().equals(SOURCE)) {
            throw new IllegalArgumentException("input synapses must read " + SOURCE + ", not " + synapses.source());
        }
    }

    public Shape imageShape() {
        return synapses.sourceShape();
    }

    @Override
    public long[] bias() {
        return bias.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FxInput i && population.equals(i.population) && synapses.equals(i.synapses)
                && Arrays.equals(bias, i.bias);
    }

    @Override
    public int hashCode() {
        return population.hashCode() * 31 + Arrays.hashCode(bias);
    }
}
