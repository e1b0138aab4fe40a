package dev.snnc.calibration.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code mse*2}, {@code max*1.5}: the estimator's threshold times the scale, described as written. */
class ThresholdScaleTest {
    @Test
    void scaleMultipliesTheEstimate() {
        float[] a = {0.5f, 1f, 2f, 4f};
        assertEquals(4.0, ThresholdEstimator.estimate(ThresholdSpec.parse("max", false), a, 32), 0);
        assertEquals(6.0, ThresholdEstimator.estimate(ThresholdSpec.parse("max*1.5", false), a, 32), 1e-12);
        assertEquals("max*1.5 layer-wise", ThresholdSpec.parse("max*1.5", false).describe());
        assertEquals("mse layer-wise", ThresholdSpec.parse("mse", false).describe());
        assertEquals(2 * ThresholdEstimator.estimate(ThresholdSpec.parse("mse", false), a, 32),
                ThresholdEstimator.estimate(ThresholdSpec.parse("mse*2", true), a, 32), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> ThresholdSpec.parse("mse*x", false));
        assertThrows(IllegalArgumentException.class, () -> ThresholdSpec.parse("mse*0", false));
    }
}
