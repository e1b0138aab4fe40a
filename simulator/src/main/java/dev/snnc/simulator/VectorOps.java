package dev.snnc.simulator;

import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The simulator's vectorised inner loops (JDK incubator Vector API, ADR 0013): adding a run of
 * int weights into long accumulators, and adding shifted, wrapped sums into a population's input.
 * JDK 17's JIT does not vectorise these loops on its own (the int-to-long widening defeats it). Each method has a scalar tail, so results are exactly
 * those of the plain loop.
 */
final class VectorOps {
    /** As many long lanes as the machine's widest vector holds (8 with AVX-512, 4 with AVX2). */
    static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    /** The int species with the same lane count, to widen weights lane for lane. */
    static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class,
            VectorShape.forBitSize(Math.max(64, LONGS.vectorBitSize() / 2)));
    private static final boolean USABLE = INTS.length() == LONGS.length() && LONGS.length() > 1;

    private VectorOps() {
    }

    /** {@code acc[a + i] += w[b + i]} for {@code i < n}. */
    static void add(int[] w, int b, long[] acc, int a, int n) {
        int i = 0;
        if (USABLE) {
            int lanes = LONGS.length();
            for (int bound = n - lanes; i <= bound; i += lanes) {
                LongVector wide = (LongVector) IntVector.fromArray(INTS, w, b + i).convertShape(VectorOperators.I2L, LONGS, 0);
                LongVector.fromArray(LONGS, acc, a + i).add(wide).intoArray(acc, a + i);
            }
        }
        for (; i < n; i++) {
            acc[a + i] += w[b + i];
        }
    }

    /** {@code acc[a + i] += w[b + i] · count} for {@code i < n}. */
    static void addTimes(int[] w, int b, long[] acc, int a, int n, long count) {
        int i = 0;
        if (USABLE) {
            int lanes = LONGS.length();
            for (int bound = n - lanes; i <= bound; i += lanes) {
                LongVector wide = (LongVector) IntVector.fromArray(INTS, w, b + i).convertShape(VectorOperators.I2L, LONGS, 0);
                LongVector.fromArray(LONGS, acc, a + i).add(wide.mul(count)).intoArray(acc, a + i);
            }
        }
        for (; i < n; i++) {
            acc[a + i] += (long) w[b + i] * count;
        }
    }

    /**
     * {@code target[i] += wrap(shift(acc[i]))} for {@code i < n}: the shift is {@code << exp}, or a
     * floor {@code >> -exp} for negative exponents; the wrap keeps the low {@code wrapBits} bits,
     * sign-extended (0: no wrap; at most 32 bits, as {@code LoihiArithmetic.wrap}).
     */
    static void addShifted(long[] acc, long[] target, int n, int exp, int wrapBits) {
        int i = 0;
        int keep = wrapBits > 0 ? 64 - wrapBits : 0;
        if (LONGS.length() > 1) {
            for (int bound = n - LONGS.length(); i <= bound; i += LONGS.length()) {
                LongVector a = LongVector.fromArray(LONGS, acc, i);
                a = exp >= 0 ? a.lanewise(VectorOperators.LSHL, exp) : a.lanewise(VectorOperators.ASHR, -exp);
                if (keep > 0) {
                    a = a.lanewise(VectorOperators.LSHL, keep).lanewise(VectorOperators.ASHR, keep);
                }
                LongVector.fromArray(LONGS, target, i).add(a).intoArray(target, i);
            }
        }
        for (; i < n; i++) {
            long a = exp >= 0 ? acc[i] << exp : acc[i] >> -exp;
            target[i] += keep > 0 ? (a << keep) >> keep : a;
        }
    }
}
