package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxSynapses;
import java.util.List;
import org.junit.jupiter.api.Test;

class FxSummaryTest {
    private static FxSynapses dense(String source, int... weights) {
        return new FxSynapses(source, Shape.of(2), null, false, FxSynapses.Kind.DENSE, weights, new int[] {3, 2}, null, 1, 0);
    }

    @Test
    void medianChannelWeightTakesEachChannelsLargestMagnitudeOverAllItsGroups() {
        // channel maxima in the first group 3, 5, 0; the second group raises channel 2 to 7: sorted 3, 5, 7
        FxSynapses a = dense("a", 1, -3, 5, 2, 0, 0);
        FxSynapses b = dense("b", 0, 1, -1, 0, 7, -2);
        assertEquals(3, FxSummary.medianChannelMaxAbs(List.of(a)));
        assertEquals(5, FxSummary.medianChannelMaxAbs(List.of(a, b)));
    }
}
