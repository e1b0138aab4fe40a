package dev.snnc.calibration.threshold;

import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * Threshold estimates from one batch of post-ReLU ANN activations (all values ≥ 0).
 * The {@code mse} search is the reference's: candidates {@code θ_i = m·(1 − 0.01·i)}, i = 0..94,
 * {@code m} the maximum, minimising {@code Σ (a − clipfloor(a, T, θ))²} with
 * {@code clipfloor(a, T, θ) = floor(clamp(a·T/θ, 0, T))·θ/T}; ties go to the larger candidate.
 */
public final class ThresholdEstimator {
    public static final int GRID_STEPS = 95;

    private ThresholdEstimator() {
    }

    public static double estimate(ThresholdSpec spec, float[] activations, int timesteps) {
        double theta = switch (spec.kind()) {
            case MAX -> max(activations);
            case PERCENTILE -> percentile(activations, spec.percentile());
            case MSE -> mse(activations, timesteps);
        };
        return theta * spec.scale();
    }

    public static double max(float[] a) {
        double m = 0;
        for (float v : a) {
            m = Math.max(m, v);
        }
        return m;
    }

    public static double percentile(float[] a, double p) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(d, p);
    }

    /**
     * The reference grid search; returns 0 when all activations are zero. Each candidate's error
     * is evaluated exactly in O(T log n) from the sorted activations and prefix sums of a and a²:
     * the values with floor level k form one contiguous run of the sorted array.
     */
    public static double mse(float[] a, int timesteps) {
        double m = max(a);
        if (m == 0) {
            return 0;
        }
        float[] sorted = nonZero(a); // zeros cost nothing for any candidate
        java.util.Arrays.parallelSort(sorted);
        SortedPrefixSums prefix = new SortedPrefixSums(sorted);
        int best = 0;
        double bestError = Double.MAX_VALUE;
        for (int i = 0; i < GRID_STEPS; i++) {
            double e = sortedClipFloorError(sorted, prefix, timesteps, candidate(m, i));
            if (e < bestError) {
                bestError = e;
                best = i;
            }
        }
        return candidate(m, best);
    }

    private static double sortedClipFloorError(float[] sorted, SortedPrefixSums prefix, int timesteps, double theta) {
        double scale = timesteps / theta;
        double step = theta / timesteps;
        double error = 0;
        int lo = 0;
        for (int k = 0; k < timesteps && lo < sorted.length; k++) {
            int hi = firstAtOrAbove(sorted, lo, k + 1, scale); // floor(a·T/θ) == k for sorted[lo..hi)
            error += runError(prefix, lo, hi, k * step);
            lo = hi;
        }
        return error + runError(prefix, lo, sorted.length, theta); // clamped at T: quantised to θ
    }

    /** First index ≥ from whose value v has v·scale ≥ level (the same expression the floor uses). */
    private static int firstAtOrAbove(float[] sorted, int from, int level, double scale) {
        int lo = from;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] * scale >= level) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** {@code Σ (a − q)²} over sorted[lo..hi) from prefix sums. */
    private static double runError(SortedPrefixSums prefix, int lo, int hi, double q) {
        int n = hi - lo;
        return n == 0 ? 0 : (prefix.sumSq(hi) - prefix.sumSq(lo)) - 2 * q * (prefix.sum(hi) - prefix.sum(lo)) + n * q * q;
    }

    /** Grid candidate i: {@code m·(1 − 0.01·i)}. */
    public static double candidate(double max, int i) {
        return max * (1 - 0.01 * i);
    }

    /** {@code Σ (a − clipfloor(a, T, θ))²}, directly (the reference for tests). */
    public static double clipFloorError(float[] a, int timesteps, double theta) {
        double scale = timesteps / theta;
        double step = theta / timesteps;
        double sum = 0;
        for (float v : a) {
            double q = Math.floor(Math.min(Math.max(v * scale, 0), timesteps)) * step;
            double e = v - q;
            sum += e * e;
        }
        return sum;
    }

    private static float[] nonZero(float[] a) {
        int n = 0;
        for (float v : a) {
            if (v != 0) {
                n++;
            }
        }
        float[] out = new float[n];
        int k = 0;
        for (float v : a) {
            if (v != 0) {
                out[k++] = v;
            }
        }
        return out;
    }
}
