package dev.snnc.simulator;

import dev.snnc.ir.target.TargetSpec;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;

/**
 * One step of a population's neurons, as stated in {@link ImageRun}: current with its shift and
 * wrap, voltage with saturation, comparison, reset. Vectorised over channels where the current
 * needs no wrap test; the lanes that fired are looked for only when a vector fired (ADR 0013).
 */
final class NeuronUpdate {
    /** The vector path needs as many long lanes as {@link VectorOps} uses, and more than one. */
    private static final boolean VECTOR = VectorOps.LONGS.length() > 1 && VectorOps.INTS.length() == VectorOps.LONGS.length();
    private static final LongVector ZERO = LongVector.zero(VectorOps.LONGS);
    /** Lane j holds bit j: OR-reducing a fired vector's lanes with it gives the bit set of lanes that fired. */
    private static final LongVector LANE_BITS = LongVector.fromArray(VectorOps.LONGS, laneBits(VectorOps.LONGS.length()), 0);

    private final long vMax;
    private final boolean zeroReset;
    private final boolean strict;
    private final int inShift;
    private final int currentBits;
    /** u is the input itself: no shift, no wrap. */
    private final boolean plainCurrent;
    /** u is the shifted input: the wrap correction cannot trigger for this population's inputs. */
    private final boolean shiftOnly;
    /**
     * v − θ cannot overflow (|v| and |θ| below 2^62), so its sign decides firing in the vector path;
     * true for every profile here, checked so that a wider custom profile or file takes the scalar path.
     */
    private final boolean differenceFits;

    private static long[] laneBits(int lanes) {
        long[] bits = new long[lanes];
        for (int j = 0; j < lanes; j++) {
            bits[j] = 1L << j;
        }
        return bits;
    }

    /**
     * @param currentMayWrap false when the population's largest possible input, shifted, stays
     *                       inside the current width (then the wrap test is skipped: same result)
     * @param thresholds     the population's thresholds as compared (after the threshold shift)
     */
    NeuronUpdate(TargetSpec.Arithmetic arith, boolean currentMayWrap, long[] thresholds) {
        this.vMax = arith.maxVoltage();
        this.zeroReset = arith.reset() == TargetSpec.Reset.ZERO;
        this.strict = arith.strictGreater();
        this.inShift = arith.inputShift();
        this.currentBits = arith.currentBits();
        this.plainCurrent = inShift == 0 && (currentBits >= 63 || !currentMayWrap);
        this.shiftOnly = !plainCurrent && !currentMayWrap;
        this.differenceFits = vMax < 1L << 62 && java.util.Arrays.stream(thresholds).allMatch(t -> Math.abs(t) < 1L << 62);
    }

    /**
     * Updates one population held channel-last ({@link ChannelLast}): {@code plane} positions of
     * {@code channels} neurons, channel c against {@code thetas[c]}. The constant current is per
     * channel ({@code bias[c]}, with {@code uniformBias}: every layer but the first) or per neuron.
     * Appends the channel-first indexes of the neurons that fire to {@code out} from position
     * {@code count} and returns the new count; counts them per channel in {@code window} unless null.
     * Consumes the input: it is zero afterwards, ready for the next step's sums (cheaper than
     * clearing it separately). The potentials are {@code v}, or {@code narrowV} (then {@code v} is
     * null) on targets whose voltage fits an int: half the bytes, so a MobileNet's potentials stay
     * in a core's L2 between steps (ADR 0016).
     */
    int run(long[] v, int[] narrowV, long[] input, long[] bias, boolean uniformBias, long[] thetas, int channels,
            int plane, int[] out, int count, long[] window) {
        int n = VectorOps.LONGS.length();
        boolean narrow = v == null;
        boolean vector = VECTOR && differenceFits && (plainCurrent || shiftOnly);
        for (int q = 0; q < plane; q++) {
            int base = q * channels;
            int c = 0;
            if (vector) {
                for (int bound = channels - n; c <= bound; c += n) {
                    int k = base + c;
                    LongVector in = LongVector.fromArray(VectorOps.LONGS, input, k);
                    ZERO.intoArray(input, k);
                    if (shiftOnly) {
                        in = in.lanewise(VectorOperators.LSHL, inShift);
                    }
                    LongVector theta = LongVector.fromArray(VectorOps.LONGS, thetas, c);
                    LongVector old = narrow
                            ? (LongVector) IntVector.fromArray(VectorOps.INTS, narrowV, k).convertShape(VectorOperators.I2L, VectorOps.LONGS, 0)
                            : LongVector.fromArray(VectorOps.LONGS, v, k);
                    LongVector next = old.add(in)
                            .add(LongVector.fromArray(VectorOps.LONGS, bias, uniformBias ? c : k)).max(-vMax).min(vMax);
                    // Lanes that fire are all ones, others zero, from the sign of a difference (differenceFits).
                    // Plain lane arithmetic: JDK 17 does not intrinsify masked ops or mask.toLong (ADR 0016).
                    LongVector fired = strict ? theta.sub(next).lanewise(VectorOperators.ASHR, 63)
                            : next.sub(theta).lanewise(VectorOperators.ASHR, 63).not();
                    LongVector after = zeroReset ? next.lanewise(VectorOperators.AND_NOT, fired) : next.sub(theta.and(fired));
                    if (narrow) {
                        ((IntVector) after.convertShape(VectorOperators.L2I, VectorOps.INTS, 0)).intoArray(narrowV, k);
                    } else {
                        after.intoArray(v, k);
                    }
                    if (fired.test(VectorOperators.IS_NEGATIVE).anyTrue()) { // sparse: reduce only when a lane fired
                        for (long bits = fired.and(LANE_BITS).reduceLanes(VectorOperators.OR); bits != 0; bits &= bits - 1) {
                            int channel = c + Long.numberOfTrailingZeros(bits);
                            out[count++] = channel * plane + q;
                            if (window != null) {
                                window[channel]++;
                            }
                        }
                    }
                }
            }
            for (; c < channels; c++) {
                int k = base + c;
                long uk = plainCurrent ? input[k] : shiftOnly ? input[k] << inShift : NeuronStep.current(input[k], inShift, currentBits);
                input[k] = 0;
                long theta = thetas[c];
                long next = NeuronStep.saturate((narrow ? narrowV[k] : v[k]) + uk + bias[uniformBias ? c : k], vMax);
                boolean fire = strict ? next > theta : next >= theta;
                long after = fire ? (zeroReset ? 0 : next - theta) : next;
                if (narrow) {
                    narrowV[k] = (int) after; // |after| <= vMax, which fits an int where narrowV is used
                } else {
                    v[k] = after;
                }
                out[count] = c * plane + q; // branch-free append: kept only when the neuron fired
                count += fire ? 1 : 0;
                if (window != null) {
                    window[c] += fire ? 1 : 0;
                }
            }
        }
        return count;
    }

    /**
     * The currents u of a step, recomputed from its inputs for traces: u lasts one step (du = 4095),
     * so the update keeps no u state of its own.
     */
    long[] currents(long[] input, int size) {
        long[] u = new long[size];
        for (int k = 0; k < size; k++) {
            u[k] = plainCurrent ? input[k] : shiftOnly ? input[k] << inShift : NeuronStep.current(input[k], inShift, currentBits);
        }
        return u;
    }
}
