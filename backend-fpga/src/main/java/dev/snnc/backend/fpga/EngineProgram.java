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
     * How a group's output lanes find their source channel: every lane reads the same channel
     * ({@code PIXELS} from the pixel memory, {@code BROADCAST} from the spike memory; groups = 1), or
     * lane j reads channel j of its own batch ({@code DEPTHWISE}: one input channel per output channel).
     */
    public enum Mode { PIXELS, BROADCAST, DEPTHWISE }

    /**
     * A synapse group as a convolution: source base (neuron index in the source population's
     * numbering, 0 for pixels), source geometry, channels per output {@code cg}, kernel, stride,
     * top/left padding, dilation, weight base (logical: {@code oc × taps} weights from there), the
     * shift of the group's sum, how lanes read the source, and whether the network had it as a dense
     * layer (then the kernel covers the whole source and the output is 1×1).
     */
    public record Group(String source, int sourceBase, int cin, int h, int w, int cg, int kh, int kw, int strideH,
                        int strideW, int padTop, int padLeft, int dilH, int dilW, int weightBase, int exp, Mode mode,
                        boolean dense) {
        /** Taps per output: {@code cg·kh·kw}. */
        public int taps() {
            return cg * kh * kw;
        }
    }

    /** Contents of the engine's memories in logical order (per neuron, per channel); EngineLayout packs them. */
    public record Memories(int[] weights, long[] thresholds, long[] biases, long[] initialV, long[] current, int neurons) {
    }
}
