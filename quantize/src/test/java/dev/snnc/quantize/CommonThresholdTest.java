package dev.snnc.quantize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetProfiles;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonThresholdTest {
    static final int CHANNELS = 16;
    static final int PER = 9; // a 3x3 depthwise kernel

    /** A depthwise 3x3 group whose channel c has largest weight {@code largest[c]} (thresholds of 1). */
    static RealGroup depthwise(double[] largest) {
        double[] w = new double[largest.length * PER];
        for (int c = 0; c < largest.length; c++) {
            for (int i = 0; i < PER; i++) {
                // spread between −largest and +largest, the first tap the largest
                w[c * PER + i] = largest[c] * (i == 0 ? 1 : ((i * 7 + c) % 9 - 4) / 4.5);
            }
        }
        return new RealGroup("src", Shape.of(largest.length, 4, 4), null, false, FxSynapses.Kind.CONV, w,
                new int[] {largest.length, 1, 3, 3}, Window2d.of(3, 1, 1), largest.length);
    }

    static double[] ones(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void oneChannelWithWeightsOfManyThresholdsClipsInsteadOfCoarseningAllOthers() {
        double[] largest = ones(CHANNELS, 0.4);
        largest[3] = 30; // one spike into channel 3 is worth 30 thresholds
        RealGroup g = depthwise(largest);
        CommonThreshold common = new CommonThreshold(TargetProfiles.LOIHI2.arithmetic());
        CommonThreshold.Choice choice = common.choose(ones(CHANNELS, 1), ones(CHANNELS, 1000), List.of(g));
        // Lava's Conv has no weight exponent: with nothing clipped V = floor(127 / 30) = 4, so the other channels'
        // largest weight is round(0.4 · 4) = 2
        assertEquals(4, choice.noClipThreshold());
        assertTrue(choice.clipsByChoice());
        // channel 3's nine taps are all large, so clipping costs it quickly: the balance lies near V = 11
        assertTrue(choice.threshold() >= 2 * choice.noClipThreshold(), "V = " + choice.threshold());
        assertEquals(0, common.exponentFor(g, choice.threshold(), ones(CHANNELS, 1)));
    }

    @Test
    void channelsOfOneRangeKeepEveryWeight() {
        RealGroup g = depthwise(ones(CHANNELS, 0.5));
        CommonThreshold common = new CommonThreshold(TargetProfiles.LOIHI2.arithmetic());
        CommonThreshold.Choice choice = common.choose(ones(CHANNELS, 1), ones(CHANNELS, 1000), List.of(g));
        assertEquals(254, choice.noClipThreshold());
        assertFalse(choice.clipsByChoice(), "V = " + choice.threshold());
    }

    @Test
    void aGroupWithWeightExponentsTakesTheCapBecauseTheExponentAbsorbsTheScale() {
        double[] largest = ones(CHANNELS, 0.4);
        largest[3] = 30;
        double[] w = depthwise(largest).weights();
        RealGroup dense = new RealGroup("src", Shape.of(PER), null, false, FxSynapses.Kind.DENSE, w,
                new int[] {CHANNELS, PER}, null, 1);
        CommonThreshold common = new CommonThreshold(TargetProfiles.LOIHI2.arithmetic());
        // Dense on Loihi 2 shifts weights by up to 2^7: 30 · V / 2^7 fits 127 up to V = 541, above the cap of 500
        CommonThreshold.Choice choice = common.choose(ones(CHANNELS, 1), ones(CHANNELS, 500), List.of(dense));
        assertEquals(500, choice.threshold());
        assertFalse(choice.clipsByChoice());
        assertEquals(7, common.exponentFor(dense, 500, ones(CHANNELS, 1)), "30 · 500 / 2^7 = 117");
    }
}
