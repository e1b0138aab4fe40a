package dev.snnc.backend.fpga;

import java.util.List;

/**
 * What the reference engine executes: input jobs once per image, then per time step every
 * population job and the readout job, in order. Every synapse group is a convolution over a
 * source of {@code cin × h × w} values (spike bits, or pixel bytes for the input stage) into
 * {@code oc × oh × ow} targets; a dense layer is the 1×1 case over a 1×1 source of all inputs.
 */
public record EngineProgram(List<Job> inputJobs, List<Job> stepJobs, int timesteps, Memories memories) {
    public EngineProgram {
        inputJobs = List.copyOf(inputJobs);
        stepJobs = List.copyOf(stepJobs);
    }

    /** Job kinds, as the descriptor's first word. */
    public enum Kind { INPUT, POPULATION, READOUT }

    /**
     * One target layer.
     *
     * @param population  index of the population (spike counter), or −1 for the readout
     * @param biasBase    input: per-neuron constant (population bias plus first-layer constant);
     *                    readout: per-output bias per step
     * @param neuronBase  base of this population's neurons in the state, current and spike memories
     */
    public record Job(Kind kind, String name, int population, int oc, int oh, int ow, int thresholdBase, int biasBase,
                      int neuronBase, List<Group> groups) {
        public Job {
            groups = List.copyOf(groups);
        }

        public int neurons() {
            return oc * oh * ow;
        }
    }

    /**
     * A synapse group as a convolution: source base (spike or pixel memory), source geometry,
     * channels per group {@code cg}, kernel, stride, top/left padding, dilation, weight base,
     * taps per output {@code k = cg·kh·kw}, the shift of the group's sum, and the base of its
     * per-output-channel table of first source channels.
     */
    public record Group(String source, int sourceBase, int cin, int h, int w, int cg, int kh, int kw, int strideH,
                        int strideW, int padTop, int padLeft, int dilH, int dilW, int weightBase, int exp,
                        int channelBase) {
        public int taps() {
            return cg * kh * kw;
        }
    }

    /** Contents of the engine's memories (values as the RTL reads them). */
    public record Memories(int[] weights, int[] channelBase, long[] thresholds, long[] biases, long[] initialV,
                           long[] current, int spikeBits, int neurons) {
    }
}
