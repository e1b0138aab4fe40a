package dev.snnc.backend.loihi.netlist;

import dev.snnc.ir.target.TargetSpec;

/** Splits a representable bias into Lava's {@code bias_mant << bias_exp}. */
public final class BiasCode {
    private BiasCode() {
    }

    /** The smallest exponent that represents {@code value} exactly, or −1 if none does. */
    public static int exponent(long value, TargetSpec.Arithmetic a) {
        long max = a.maxBiasMantissa();
        for (int e = 0; e <= a.biasExponentMax(); e++) {
            if ((value & ((1L << e) - 1)) == 0 && Math.abs(value >> e) <= max) {
                return e;
            }
        }
        return -1;
    }
}
