package dev.snnc.simulator.loihi;

/**
 * Loihi 2 arithmetic exactly as Lava's bit-accurate CPU process models compute it (restated in
 * shared/reference/loihi-lava-fixed-point.md). Every method is a pure function of integers so
 * each rule can be tested on hand-computed values.
 */
public final class LoihiArithmetic {
    /** 2^23: u and v are 24-bit signed. */
    public static final int STATE_HALF_RANGE = 1 << 23;
    public static final int DECAY_UNIT = 4096;

    private LoihiArithmetic() {
    }

    /**
     * Dense weight preparation for {@code num_weight_bits} = 8: clip to the sign mode's range, then
     * drop {@code 8 − bits + (mixed ? 1 : 0)} low bits with an arithmetic shift (floor). With mixed
     * signs and 8 bits, odd weights lose their lowest bit.
     */
    public static int denseWeight(int w, int numWeightBits, SignMode mode) {
        int clipped = switch (mode) {
            case MIXED -> Math.max(-256, Math.min(255, w));
            case EXCITATORY -> Math.max(0, Math.min(255, w));
            case INHIBITORY -> Math.max(-255, Math.min(0, w));
        };
        int shift = 8 - numWeightBits + (mode == SignMode.MIXED ? 1 : 0);
        return (clipped >> shift) << shift;
    }

    /** The Dense output for one neuron: the summed accumulator shifted once by the weight exponent (floor). */
    public static int denseActivation(long accumulator, int weightExp) {
        int acc = (int) accumulator; // int32, not saturated
        return weightExp >= 0 ? acc << weightExp : acc >> -weightExp;
    }

    /** Conv outputs are wrapped to signed 24 bits (weights are used raw, exponent ignored). */
    public static int convWrap(long sum) {
        return wrap(sum, 24);
    }

    /** Two's-complement wrap of {@code x} to {@code bits} signed bits. */
    public static int wrap(long x, int bits) {
        return (int) ((x << (64 - bits)) >> (64 - bits)); // keep the low bits, sign-extend from bit (bits − 1)
    }

    /** {@code trunc0(x · (4096 − decay) / 4096)}: multiply then divide, rounding toward zero. */
    public static int decay(int x, int keep) {
        return (int) (((long) x * keep) / DECAY_UNIT);
    }

    /**
     * Current update: {@code u = trunc0(u·(4096 − (du + 1))/4096) + (a_in << 6)}, then one wrap
     * correction: {@code u > 2^23 → u − 2^24}, {@code u ≤ −2^23 → u + 2^24}.
     */
    public static int current(int u, int du, int aIn) {
        long next = (long) decay(u, DECAY_UNIT - (du + 1)) + ((long) aIn << 6);
        if (next > STATE_HALF_RANGE) {
            next -= 2L * STATE_HALF_RANGE;
        } else if (next <= -STATE_HALF_RANGE) {
            next += 2L * STATE_HALF_RANGE;
        }
        return (int) next;
    }

    /**
     * Voltage update before the threshold: {@code v = trunc0(v·(4096 − dv)/4096) + u + (bias_mant << bias_exp)},
     * saturated to {@code ±(2^23 − 1)}.
     */
    public static int voltage(int v, int dv, int u, int biasMant, int biasExp) {
        long next = (long) decay(v, DECAY_UNIT - dv) + u + ((long) biasMant << biasExp);
        return (int) Math.max(-(STATE_HALF_RANGE - 1), Math.min(STATE_HALF_RANGE - 1, next));
    }

    /** Strict comparison with the scaled threshold: {@code v > vth << 6}. */
    public static boolean fires(int v, int vth) {
        return v > ((long) vth << 6);
    }

    /**
     * One LIF step of Lava's fixed-point model: current, voltage, threshold, and on a spike v
     * reset to zero (u is not reset). Returns whether it spiked; the state is updated in place.
     */
    public static boolean lifStep(int[] uv, int du, int dv, int vth, int biasMant, int biasExp, int aIn) {
        uv[0] = current(uv[0], du, aIn);
        uv[1] = voltage(uv[1], dv, uv[0], biasMant, biasExp);
        boolean spike = fires(uv[1], vth);
        if (spike) {
            uv[1] = 0;
        }
        return spike;
    }

    /** Dense sign modes. */
    public enum SignMode { MIXED, EXCITATORY, INHIBITORY }
}
