package dev.snnc.calibration.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ThresholdEstimatorTest {
    /** ReLU-like activations: many zeros, a skewed body and a long tail. */
    static float[] activations(long seed, int n) {
        Random r = new Random(seed);
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            double v = r.nextGaussian() * (1 + 2 * r.nextDouble());
            a[i] = v <= 0 ? 0f : (float) (r.nextInt(50) == 0 ? v * 4 : v);
        }
        return a;
    }

    @Property(tries = 60)
    void mseSearchFindsTheBruteForceMinimum(@ForAll @IntRange(min = 1, max = 10_000) int seed,
                                            @ForAll @IntRange(min = 1, max = 64) int timesteps) {
        float[] a = activations(seed, 2000);
        double m = ThresholdEstimator.max(a);
        double bestError = Double.MAX_VALUE;
        for (int i = 0; i < ThresholdEstimator.GRID_STEPS; i++) {
            bestError = Math.min(bestError, ThresholdEstimator.clipFloorError(a, timesteps, ThresholdEstimator.candidate(m, i)));
        }
        double chosen = ThresholdEstimator.mse(a, timesteps);
        double chosenError = ThresholdEstimator.clipFloorError(a, timesteps, chosen);
        assertEquals(bestError, chosenError, 1e-9 * Math.max(1, bestError), "seed " + seed + " T " + timesteps);
    }

    @Test
    void mseIsOnTheReferenceGrid() {
        float[] a = activations(7, 5000);
        double m = ThresholdEstimator.max(a);
        double chosen = ThresholdEstimator.mse(a, 32);
        double steps = (1 - chosen / m) / 0.01;
        assertEquals(Math.round(steps), steps, 1e-9);
        assertTrue(chosen < m, "with a long tail the best threshold clips it");
    }

    @Test
    void maxAndPercentile() {
        float[] a = new float[101];
        for (int i = 0; i <= 100; i++) {
            a[i] = i;
        }
        assertEquals(100, ThresholdEstimator.estimate(ThresholdSpec.parse("max", false), a, 8));
        assertEquals(99.0, ThresholdEstimator.estimate(ThresholdSpec.parse("percentile:99", false), a, 8), 1e-9);
        assertEquals(0, ThresholdEstimator.mse(new float[10], 8));
    }

    @Test
    void parsesMethodNames() {
        assertEquals(ThresholdSpec.Kind.PERCENTILE, ThresholdSpec.parse("p99.99", true).kind());
        assertTrue(ThresholdSpec.parse("mse", true).channelWise());
        assertThrows(IllegalArgumentException.class, () -> ThresholdSpec.parse("median", false));
        assertThrows(IllegalArgumentException.class, () -> ThresholdSpec.parse("percentile:101", false));
    }
}
