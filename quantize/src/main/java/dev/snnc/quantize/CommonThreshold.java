package dev.snnc.quantize;

import dev.snnc.ir.fx.Rounding;
import dev.snnc.ir.target.TargetSpec;
import java.util.List;
import java.util.TreeSet;

/**
 * The one integer threshold V of a population on a target with a single threshold per population
 * (Lava's stock LIF): channel c then has scale {@code V/θ_c}, so its integer weights are
 * {@code w·V/θ_c / 2^e} with one exponent e per synapse group.
 * <p>Where a group's exponent cannot grow (Lava's Conv has none), V bounds every channel's largest
 * integer weight at {@code m_c·V/θ_c}. Taking the largest V at which no weight clips lets the one
 * channel whose weights are the most thresholds large decide for all: in the bundled MobileNet's
 * first depthwise layer a few channels carry weights of 20 to 50 thresholds, which forces V to 2..5
 * and leaves the median channel with two or three integer levels. V is therefore chosen among
 * candidates from that no-clip value up to the cap the threshold mantissa and bias range allow, as
 * the one with the smallest sum over channels of each channel's relative squared weight error
 * (rounding and clipping). Every channel counts the same, so a few outlier channels clip rather
 * than all the others rounding coarsely. Ties go to the larger V (finer threshold and biases).
 * See ADR 0030.
 */
final class CommonThreshold {
    /** Candidates per octave between the no-clip value and the cap. */
    static final int STEPS_PER_OCTAVE = 8;

    private final TargetSpec.Arithmetic arith;

    CommonThreshold(TargetSpec.Arithmetic arith) {
        this.arith = arith;
    }

    /**
     * The chosen integer threshold and the largest at which no weight clips (1 when even that clips:
     * weights of more than {@code maxWeight} thresholds, an overflow rather than a choice).
     */
    record Choice(long threshold, long noClipThreshold) {
        boolean clipsByChoice() {
            return threshold > noClipThreshold;
        }
    }

    /**
     * The common integer threshold for a population with real thresholds {@code theta}, per-channel
     * scale caps {@code cap} and the synapse groups that feed it.
     */
    Choice choose(double[] theta, double[] cap, List<RealGroup> groups) {
        double hard = Double.MAX_VALUE; // threshold mantissa and bias range: never exceeded
        double noClip = Double.MAX_VALUE;
        for (int c = 0; c < theta.length; c++) {
            hard = Math.min(hard, cap[c] * theta[c]);
        }
        for (RealGroup g : groups) {
            double[] m = g.maxAbsPerOutput();
            double room = Math.scalb((double) arith.maxWeight(), arith.exponentMax(g.isConv()));
            for (int c = 0; c < m.length; c++) {
                if (m[c] > 0) {
                    noClip = Math.min(noClip, room * theta[c] / m[c]);
                }
            }
        }
        long high = (long) Math.max(1, Math.floor(Math.min(hard, (double) Long.MAX_VALUE / 4)));
        long low = (long) Math.max(1, Math.floor(Math.min(noClip, high)));
        if (low >= high) {
            return new Choice(low, low);
        }
        long best = low;
        double bestError = Double.MAX_VALUE;
        for (long v : candidates(low, high)) {
            double e = summedChannelError(v, theta, groups);
            if (e <= bestError) {
                best = v;
                bestError = e;
            }
        }
        return new Choice(best, low);
    }

    /** {@code low}, {@code high} and a geometric grid between them, ascending. */
    private static TreeSet<Long> candidates(long low, long high) {
        TreeSet<Long> vs = new TreeSet<>();
        vs.add(low);
        vs.add(high);
        for (int k = 1; ; k++) {
            double v = Math.floor(low * Math.pow(2, (double) k / STEPS_PER_OCTAVE));
            if (v >= high) {
                return vs;
            }
            vs.add((long) v);
        }
    }

    /** Sum over channels of (squared integer-weight error) / (squared exact weights), over all groups. */
    private double summedChannelError(long v, double[] theta, List<RealGroup> groups) {
        double[] err = new double[theta.length];
        double[] norm = new double[theta.length];
        for (RealGroup g : groups) {
            int exp = exponentFor(g, v, theta);
            double step = Math.scalb(1.0, exp);
            double[] w = g.weights();
            int per = w.length / g.outputs();
            long maxW = arith.maxWeight();
            for (int i = 0; i < w.length; i++) {
                int c = i / per;
                double exact = w[i] * v / theta[c] / step;
                long r = Rounding.halfAwayFromZero(exact);
                r = Math.max(-maxW, Math.min(maxW, r));
                err[c] += (exact - r) * (exact - r);
                norm[c] += exact * exact;
            }
        }
        double sum = 0;
        for (int c = 0; c < err.length; c++) {
            if (norm[c] > 0) {
                sum += err[c] / norm[c];
            }
        }
        return sum;
    }

    /** The group's finest exponent at which its largest weight fits (clipping when even the largest exponent does not). */
    int exponentFor(RealGroup g, long v, double[] theta) {
        double[] m = g.maxAbsPerOutput();
        double largest = 0;
        for (int c = 0; c < m.length; c++) {
            largest = Math.max(largest, m[c] * v / theta[c]);
        }
        return FixedPointMapper.finestExponent(arith, largest, arith.exponentMin(g.isConv()), arith.exponentMax(g.isConv()));
    }
}
