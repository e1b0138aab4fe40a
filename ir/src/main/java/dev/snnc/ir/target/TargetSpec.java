package dev.snnc.ir.target;

/**
 * A target's exact integer arithmetic and resource limits, as typed data: what the quantizer must
 * fit into, what the simulator must reproduce bit for bit, and what the backends map onto.
 *
 * @param id            stable name used on the command line ({@code loihi2}, {@code loihi1}, {@code fpga})
 * @param arithmetic    the neuron and synapse arithmetic
 * @param limits        per-core and per-chip resources
 * @param energy        per-operation energy figures for estimates
 * @param reference     where the arithmetic was taken from
 */
public record TargetSpec(String id, Arithmetic arithmetic, Limits limits, Energy energy, String reference) {

    /** How a population resets after a spike. */
    public enum Reset { ZERO, SUBTRACT }

    /**
     * The neuron/synapse arithmetic, one step (see each profile for the exact order).
     *
     * @param weightBits          signed weight bits (mantissa) per synapse
     * @param weightExponentMin   smallest shared weight exponent
     * @param weightExponentMax   largest shared weight exponent
     * @param dropOddMixedLsb     mixed-sign dense weights lose their lowest bit (Lava's 8-bit mixed mode)
     * @param inputShift          left shift of the synaptic input into the current ({@code a_in << 6} on Loihi)
     * @param currentBits         signed width of the current state u (wrap on overflow)
     * @param voltageBits         signed width of the voltage state v (saturate on overflow)
     * @param thresholdBits       unsigned threshold mantissa bits
     * @param thresholdShift      threshold scale: spike if v compared with {@code vth << thresholdShift}
     * @param biasBits            signed bias mantissa bits
     * @param biasExponentMax     largest bias exponent ({@code bias_mant << bias_exp})
     * @param strictGreater       spike on {@code v > vth} (true) or {@code v >= vth}
     * @param reset               reset to zero or by subtraction of the threshold
     * @param synapticDelay       steps of delay each synaptic layer adds (1 on Lava/Loihi)
     * @param convWrapBits        signed width conv outputs are wrapped to (24 in Lava's conv model), 0 = none
     */
    public record Arithmetic(int weightBits, int weightExponentMin, int weightExponentMax, boolean dropOddMixedLsb,
                             int inputShift, int currentBits, int voltageBits, int thresholdBits, int thresholdShift,
                             int biasBits, int biasExponentMax, boolean strictGreater, Reset reset, int synapticDelay,
                             int convWrapBits) {
    }

    /**
     * Resources. {@code synapseMemoryBitsPerCore} bounds fan-in; zero means "not published".
     */
    public record Limits(int neuronsPerCore, int coresPerChip, int inputAxonsPerCore, int outputAxonsPerCore,
                         long synapseMemoryBitsPerCore, int maxChips) {
    }

    /** Energy per operation in picojoules, with the source of the figures. */
    public record Energy(double synapticOpPj, double neuronUpdatePj, double spikeWithinTilePj, double spikeAcrossTilesPj,
                         String source) {
    }
}
