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
 * @param choices       what a user may change (reset rule, weight width) and what a change implies
 */
public record TargetSpec(String id, Arithmetic arithmetic, Limits limits, Energy energy, String reference,
                         Choices choices) {
    /** A target whose only choice is its own reset rule and weight width. */
    public TargetSpec(String id, Arithmetic arithmetic, Limits limits, Energy energy, String reference) {
        this(id, arithmetic, limits, energy, reference, Choices.fixed(arithmetic));
    }

    /**
     * What a user may choose for this target.
     *
     * @param resets                          the reset rules its neuron models run
     * @param channelThresholdsOnlyWithSubtract per-channel thresholds come with the subtractive model
     *                                        only (Lava's stock LIF has one {@code vth} per process)
     * @param maxWeightBits                   the widest weights it stores
     * @param initialPotentials               its files can set each neuron's starting potential (lava-dl netx
     *                                        cannot: its neurons start at 0)
     * @param populationsMaySplit             a population may become several with one threshold each, read
     *                                        as several synapse groups (lava-dl netx cannot: its layers form
     *                                        a chain with one input each)
     */
    public record Choices(java.util.Set<Reset> resets, boolean channelThresholdsOnlyWithSubtract, int maxWeightBits,
                          boolean initialPotentials, boolean populationsMaySplit) {
        public Choices {
            resets = java.util.Collections.unmodifiableSet(java.util.EnumSet.copyOf(resets));
        }

        /** Choices of a target whose populations may split. */
        public Choices(java.util.Set<Reset> resets, boolean channelThresholdsOnlyWithSubtract, int maxWeightBits,
                       boolean initialPotentials) {
            this(resets, channelThresholdsOnlyWithSubtract, maxWeightBits, initialPotentials, true);
        }

        /** Choices of a target that sets starting potentials and whose populations may split. */
        public Choices(java.util.Set<Reset> resets, boolean channelThresholdsOnlyWithSubtract, int maxWeightBits) {
            this(resets, channelThresholdsOnlyWithSubtract, maxWeightBits, true);
        }

        static Choices fixed(Arithmetic a) {
            return new Choices(java.util.EnumSet.of(a.reset()), false, a.weightBits());
        }
    }

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
     * @param convUsesExponent    conv synapses apply the shared weight exponent (Lava's conv model ignores it)
     * @param channelThresholds   thresholds may differ per channel (Lava's stock LIF has one {@code vth} per process)
     * @param biasExponentMin     smallest bias exponent (lava-dl netx fixes {@code bias_exp} at 6, so its biases are
     *                            multiples of 64)
     */
    public record Arithmetic(int weightBits, int weightExponentMin, int weightExponentMax, boolean dropOddMixedLsb,
                             int inputShift, int currentBits, int voltageBits, int thresholdBits, int thresholdShift,
                             int biasBits, int biasExponentMax, boolean strictGreater, Reset reset, int synapticDelay,
                             int convWrapBits, boolean convUsesExponent, boolean channelThresholds, int biasExponentMin) {
        /** An arithmetic whose bias exponent starts at 0. */
        public Arithmetic(int weightBits, int weightExponentMin, int weightExponentMax, boolean dropOddMixedLsb,
                          int inputShift, int currentBits, int voltageBits, int thresholdBits, int thresholdShift,
                          int biasBits, int biasExponentMax, boolean strictGreater, Reset reset, int synapticDelay,
                          int convWrapBits, boolean convUsesExponent, boolean channelThresholds) {
            this(weightBits, weightExponentMin, weightExponentMax, dropOddMixedLsb, inputShift, currentBits, voltageBits,
                    thresholdBits, thresholdShift, biasBits, biasExponentMax, strictGreater, reset, synapticDelay,
                    convWrapBits, convUsesExponent, channelThresholds, 0);
        }

        public Arithmetic {
            if (biasExponentMin < 0 || biasExponentMin > biasExponentMax) {
                throw new IllegalArgumentException("bias exponent range " + biasExponentMin + ".." + biasExponentMax);
            }
            if (weightBits < 2 || weightBits > 32) {
                throw new IllegalArgumentException("weight bits must be in 2..32, got " + weightBits);
            }
            if (weightExponentMin > weightExponentMax) {
                throw new IllegalArgumentException("weight exponent range " + weightExponentMin + ".." + weightExponentMax);
            }
        }

        /** Largest weight magnitude: {@code 2^(weightBits−1) − 1} (symmetric, so negation never overflows). */
        public long maxWeight() {
            return (1L << (weightBits - 1)) - 1;
        }

        /** Largest threshold mantissa: {@code 2^thresholdBits − 1}. */
        public long maxThreshold() {
            return thresholdBits >= 63 ? Long.MAX_VALUE : (1L << thresholdBits) - 1;
        }

        /** Largest voltage magnitude: {@code 2^(voltageBits−1) − 1}. */
        public long maxVoltage() {
            return voltageBits >= 64 ? Long.MAX_VALUE : (1L << (voltageBits - 1)) - 1;
        }

        /**
         * The constant per-step current as the target stores it: a {@code biasBits}-bit signed mantissa
         * shifted left by the smallest exponent in {@code biasExponentMin..biasExponentMax} that fits, rounded to
         * nearest (ties away from zero), saturated beyond the largest representable value.
         */
        public long representableBias(long value) {
            if (biasBits >= 62) {
                return value;
            }
            long mantMax = maxBiasMantissa();
            long magnitude = Math.abs(value);
            for (int e = biasExponentMin; e <= biasExponentMax; e++) {
                long m = e == 0 ? magnitude : (magnitude + (1L << (e - 1))) >> e;
                if (m <= mantMax) {
                    return Long.signum(value) * (m << e);
                }
            }
            return Long.signum(value) * (mantMax << biasExponentMax);
        }

        public long maxBiasMantissa() {
            return biasBits >= 62 ? Long.MAX_VALUE : (1L << (biasBits - 1)) - 1;
        }

        /** Largest representable bias magnitude. */
        public long maxBias() {
            return biasBits >= 62 ? Long.MAX_VALUE : maxBiasMantissa() << biasExponentMax;
        }

        /** The same arithmetic with another neuron: reset rule, comparison and whether thresholds may differ per channel. */
        public Arithmetic withNeuron(Reset newReset, boolean newStrictGreater, boolean newChannelThresholds) {
            return new Arithmetic(weightBits, weightExponentMin, weightExponentMax, dropOddMixedLsb, inputShift, currentBits,
                    voltageBits, thresholdBits, thresholdShift, biasBits, biasExponentMax, newStrictGreater, newReset,
                    synapticDelay, convWrapBits, convUsesExponent, newChannelThresholds, biasExponentMin);
        }

        /** The same arithmetic with {@code bits}-bit weights. */
        public Arithmetic withWeightBits(int bits) {
            return new Arithmetic(bits, weightExponentMin, weightExponentMax, dropOddMixedLsb, inputShift, currentBits,
                    voltageBits, thresholdBits, thresholdShift, biasBits, biasExponentMax, strictGreater, reset,
                    synapticDelay, convWrapBits, convUsesExponent, channelThresholds, biasExponentMin);
        }

        /** The weight exponents synapses of this kind may use (conv may be fixed at 0). */
        public int exponentMin(boolean conv) {
            return conv && !convUsesExponent ? 0 : weightExponentMin;
        }

        public int exponentMax(boolean conv) {
            return conv && !convUsesExponent ? 0 : weightExponentMax;
        }
    }

    /**
     * The same target with another reset rule. On Loihi, reset to zero is Lava's stock LIF (one
     * threshold per process); subtraction is snnc's subtractive LIF process model, which takes a
     * threshold per channel (ADR 0010).
     */
    public TargetSpec withReset(Reset reset) {
        if (!choices.resets().contains(reset)) {
            throw new IllegalArgumentException("target '" + id + "' runs reset " + choices.resets() + " only, not " + reset);
        }
        Arithmetic a = arithmetic;
        boolean channels = choices.channelThresholdsOnlyWithSubtract() ? reset == Reset.SUBTRACT : a.channelThresholds();
        return new TargetSpec(id, a.withNeuron(reset, a.strictGreater(), channels), limits, energy, reference, choices);
    }

    /** The same target with {@code bits}-bit weights (the widths a user may override on the command line). */
    public TargetSpec withWeightBits(int bits) {
        return new TargetSpec(id, arithmetic.withWeightBits(bits), limits, energy, reference, choices);
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
