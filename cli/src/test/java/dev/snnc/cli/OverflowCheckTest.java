package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.diag.SnncException;
import dev.snnc.quantize.LayerQuantization;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverflowCheckTest {
    static LayerQuantization layer(int overflowClips, int thresholdClips) {
        return new LayerQuantization("relu_1", 2.0, List.of(0), 0.4, overflowClips, thresholdClips, 15, 15, 0, 0,
                Double.NaN, Double.NaN);
    }

    @Test
    void weightsClippedToKeepACommonThresholdFineAreAChoiceNotAnOverflow() {
        assertDoesNotThrow(() -> OverflowCheck.check(List.of(layer(0, 28)), "loihi2", false));
    }

    @Test
    void weightsThatFitNowhereAreRefusedNamingTheLayer() {
        SnncException e = assertThrows(SnncException.class,
                () -> OverflowCheck.check(List.of(layer(3, 28)), "loihi2", false));
        assertTrue(e.getMessage().contains("relu_1: 3 weights clipped"), e.getMessage());
        assertDoesNotThrow(() -> OverflowCheck.check(List.of(layer(3, 28)), "loihi2", true));
    }
}
