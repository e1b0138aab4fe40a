package dev.snnc.quantize;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxSynapses;

/**
 * Channel subsets of real-valued synapse groups and per-neuron arrays: what splitting a population
 * into threshold groups ({@link ThresholdGroups}) does to the groups that feed it (their output
 * channels) and to the groups that read it (their input channels). Channel lists are ascending
 * indices into the original population.
 */
final class ChannelSlices {
    private ChannelSlices() {
    }

    /** The shape of a population keeping only {@code channels} (a flat population keeps its rank). */
    static Shape shape(Shape full, int[] channels) {
        int[] dims = full.dims();
        dims[0] = channels.length;
        return Shape.of(dims);
    }

    /** Per-neuron values (channel-major planes) of the kept channels. */
    static double[] neurons(double[] perNeuron, int plane, int[] channels) {
        double[] out = new double[channels.length * plane];
        for (int j = 0; j < channels.length; j++) {
            System.arraycopy(perNeuron, channels[j] * plane, out, j * plane, plane);
        }
        return out;
    }

    /** Per-channel values of the kept channels. */
    static double[] channels(double[] perChannel, int[] channels) {
        double[] out = new double[channels.length];
        for (int j = 0; j < channels.length; j++) {
            out[j] = perChannel[channels[j]];
        }
        return out;
    }

    /**
     * The group feeding only the output channels {@code outputs}. A grouped conv or identity (whose
     * output channels are whole conv groups) then reads the same channels of its source, named
     * {@code source} with shape {@code sourceShape}; any other group still reads its whole source.
     */
    static RealGroup outputs(RealGroup g, int[] outputs, String source, Shape sourceShape) {
        int per = g.weights().length / g.outputs();
        double[] w = new double[outputs.length * per];
        for (int j = 0; j < outputs.length; j++) {
            System.arraycopy(g.weights(), outputs[j] * per, w, j * per, per);
        }
        int[] shape = g.weightShape().clone();
        shape[0] = outputs.length;
        int groups = g.kind() == FxSynapses.Kind.CONV && g.groups() > 1 ? outputs.length / channelsPerGroup(g) : g.groups();
        return new RealGroup(source, sourceShape, g.pool(), g.globalPool(), g.kind(), w, shape, g.window(), groups,
                g.maxPool());
    }

    /**
     * The group reading only the source channels {@code inputs}, now a population of its own named
     * {@code source}. Only for groups that mix channels: an ungrouped conv or a dense layer (whose
     * inputs are the pooled source flattened channel-major).
     */
    static RealGroup inputs(RealGroup g, int[] inputs, String source) {
        if (grouped(g)) {
            throw new IllegalArgumentException("a grouped synapse group cannot read a channel subset of " + g.source());
        }
        Shape sourceShape = shape(g.sourceShape(), inputs);
        int outputs = g.outputs();
        int inPerOutput = g.weights().length / outputs;
        // conv: one kernel (kH·kW) per input channel; dense: one pooled plane per input channel
        int block = g.kind() == FxSynapses.Kind.CONV ? inPerOutput / g.weightShape()[1]
                : (int) (FxSynapses.pooledShape(g.sourceShape(), g.pool(), g.globalPool()).size() / g.sourceShape().dim(0));
        int keptPerOutput = inputs.length * block;
        double[] w = new double[outputs * keptPerOutput];
        for (int o = 0; o < outputs; o++) {
            for (int j = 0; j < inputs.length; j++) {
                System.arraycopy(g.weights(), o * inPerOutput + inputs[j] * block, w, o * keptPerOutput + j * block, block);
            }
        }
        int[] shape = g.weightShape().clone();
        shape[1] = g.kind() == FxSynapses.Kind.CONV ? inputs.length : keptPerOutput;
        return new RealGroup(source, sourceShape, g.pool(), g.globalPool(), g.kind(), w, shape, g.window(), g.groups(),
                g.maxPool());
    }

    /**
     * An identity shortcut or a grouped conv (depthwise among them): output channels read only
     * their own group's source channels.
     */
    static boolean grouped(RealGroup g) {
        return g.kind() == FxSynapses.Kind.IDENTITY || (g.kind() == FxSynapses.Kind.CONV && g.groups() > 1);
    }

    /** Output channels per conv group (1 for an identity shortcut). */
    static int channelsPerGroup(RealGroup g) {
        return g.kind() == FxSynapses.Kind.IDENTITY ? 1 : g.outputs() / g.groups();
    }
}
