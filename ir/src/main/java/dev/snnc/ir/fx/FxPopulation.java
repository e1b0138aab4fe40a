package dev.snnc.ir.fx;

import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import java.util.Arrays;
import java.util.List;

/**
 * An integer integrate-and-fire population: per-channel thresholds, a per-neuron constant input
 * current each step (biases, and the analog first layer's drive), initial voltages, and the
 * synapse groups that feed it. The target's arithmetic says how these combine.
 *
 * @param origin the ONNX node the population came from (its activation), named by every diagnostic
 *               about it; {@link Origin#SYNTHETIC} for hand-made networks
 */
public record FxPopulation(String name, Shape shape, List<FxSynapses> inputs, long[] threshold, long[] bias,
                           long[] initialV, Origin origin) {
    /** A population of no known ONNX origin. */
    public FxPopulation(String name, Shape shape, List<FxSynapses> inputs, long[] threshold, long[] bias, long[] initialV) {
        this(name, shape, inputs, threshold, bias, initialV, Origin.SYNTHETIC);
    }

    public FxPopulation {
        origin = origin == null ? Origin.SYNTHETIC : origin;
        inputs = List.copyOf(inputs);
        threshold = threshold.clone();
        bias = bias.clone();
        initialV = initialV.clone();
        if (threshold.length != shape.dim(0) || bias.length != shape.size() || initialV.length != shape.size()) {
            throw new IllegalArgumentException("population " + name + " " + shape + ": " + threshold.length
                    + " thresholds, " + bias.length + " biases, " + initialV.length + " initial voltages");
        }
    }

    /** Neurons per channel ({@code H·W}, or 1 for a flat population). */
    public int plane() {
        return (int) (shape.size() / shape.dim(0));
    }

    public FxPopulation withBias(long[] replaced) {
        return new FxPopulation(name, shape, inputs, threshold, replaced, initialV, origin);
    }

    public FxPopulation withInitialV(long[] replaced) {
        return new FxPopulation(name, shape, inputs, threshold, bias, replaced, origin);
    }

    public FxPopulation withInputs(List<FxSynapses> replaced) {
        return new FxPopulation(name, shape, replaced, threshold, bias, initialV, origin);
    }

    public FxPopulation withOrigin(Origin replaced) {
        return new FxPopulation(name, shape, inputs, threshold, bias, initialV, replaced);
    }

    public long threshold(int channel) {
        return threshold[channel];
    }

    public long bias(int neuron) {
        return bias[neuron];
    }

    public long initialV(int neuron) {
        return initialV[neuron];
    }

    @Override
    public long[] threshold() {
        return threshold.clone();
    }

    @Override
    public long[] bias() {
        return bias.clone();
    }

    @Override
    public long[] initialV() {
        return initialV.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FxPopulation p && name.equals(p.name) && shape.equals(p.shape) && inputs.equals(p.inputs)
                && Arrays.equals(threshold, p.threshold) && Arrays.equals(bias, p.bias) && Arrays.equals(initialV, p.initialV)
                && origin.equals(p.origin);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, shape, inputs, Arrays.hashCode(threshold));
    }
}
