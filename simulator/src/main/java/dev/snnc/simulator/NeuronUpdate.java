package dev.snnc.simulator;

import dev.snnc.ir.target.TargetSpec;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * One step of a run of neurons that share a threshold (one channel of a population), as stated in
 * {@link ImageRun}: current with its shift and wrap, voltage with saturation, comparison, reset.
 * Scalar on purpose: a Vector API version (compare masks, masked reset) ran 10% slower on JDK 17,
 * whose JIT does not intrinsify reading a mask back (ADR 0013).
 */
final class NeuronUpdate {
    /** The vector path needs as many long lanes as {@link VectorOps} uses, and more than one. */
    private static final boolean VECTOR = VectorOps.LONGS.length() > 1;
    private static final LongVector ZERO = LongVector.zero(VectorOps.LONGS);

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
     * @param currentMayWrap false when the population's largest possible input, shifted, stays
     *                       inside the current width (then the wrap test is skipped: same result)
     */
    NeuronUpdate(TargetSpec.Arithmetic arith, boolean currentMayWrap) {
        this.vMax = arith.maxVoltage();
        this.zeroReset = arith.reset() == TargetSpec.Reset.ZERO;
        this.strict = arith.strictGreater();
        this.inShift = arith.inputShift();
        this.currentBits = arith.currentBits();
        this.plainCurrent = inShift == 0 && (currentBits >= 63 || !currentMayWrap);
        this.shiftOnly = !plainCurrent && !currentMayWrap;
    }

    /**
     * Updates neurons {@code from .. to-1} against {@code theta}, appends the indexes of those that
     * fire to {@code out} from position {@code count}, and returns the new count. Consumes the input:
     * it is zero afterwards, ready for the next step's sums (cheaper than clearing it separately).
     * With {@code uniformBias} the whole run's bias is {@code bias[from]} (every layer but the first
     * has one bias per channel), so the vector path does not stream the bias array.
     */
    int run(long[] v, long[] input, long[] bias, boolean uniformBias, int from, int to, long theta, int[] out, int count,
            long[] lanes) {
        int k = from;
        if (VECTOR && (plainCurrent || shiftOnly)) {
            int n = VectorOps.LONGS.length();
            LongVector channelBias = LongVector.broadcast(VectorOps.LONGS, bias[from]);
            for (int bound = to - n; k <= bound; k += n) {
                LongVector in = LongVector.fromArray(VectorOps.LONGS, input, k);
                ZERO.intoArray(input, k);
                if (shiftOnly) {
                    in = in.lanewise(VectorOperators.LSHL, inShift);
                }
                LongVector next = LongVector.fromArray(VectorOps.LONGS, v, k).add(in)
                        .add(uniformBias ? channelBias : LongVector.fromArray(VectorOps.LONGS, bias, k)).max(-vMax).min(vMax);
                // constant operators in each branch: the JIT only intrinsifies compile-time constant ones
                VectorMask<Long> fire = strict ? next.compare(VectorOperators.GT, theta) : next.compare(VectorOperators.GE, theta);
                LongVector after = zeroReset ? next.blend(0L, fire) : next.lanewise(VectorOperators.SUB, theta, fire);
                after.intoArray(v, k);
                if (fire.anyTrue()) { // spikes are sparse: find the lanes only when there is one
                    next.intoArray(lanes, 0);
                    for (int j = 0; j < n; j++) {
                        out[count] = k + j;
                        count += (strict ? lanes[j] > theta : lanes[j] >= theta) ? 1 : 0;
                    }
                }
            }
        }
        for (; k < to; k++) {
            long uk = plainCurrent ? input[k] : shiftOnly ? input[k] << inShift : NeuronStep.current(input[k], inShift, currentBits);
            input[k] = 0;
            long next = NeuronStep.saturate(v[k] + uk + bias[k], vMax);
            boolean fire = strict ? next > theta : next >= theta;
            v[k] = fire ? (zeroReset ? 0 : next - theta) : next;
            out[count] = k; // branch-free append: kept only when the neuron fired
            count += fire ? 1 : 0;
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
