package dev.snnc.simulator.loihi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Each rule of the loihi2 arithmetic on hand-computed values. */
class LoihiArithmeticTest {
    @Test
    void oddMixedSignWeightsLoseTheirLowestBit() {
        assertEquals(6, LoihiArithmetic.denseWeight(7, 8, LoihiArithmetic.SignMode.MIXED));
        assertEquals(-8, LoihiArithmetic.denseWeight(-7, 8, LoihiArithmetic.SignMode.MIXED)); // floor, not toward zero
        assertEquals(6, LoihiArithmetic.denseWeight(6, 8, LoihiArithmetic.SignMode.MIXED));
        assertEquals(7, LoihiArithmetic.denseWeight(7, 8, LoihiArithmetic.SignMode.EXCITATORY));
        assertEquals(254, LoihiArithmetic.denseWeight(300, 8, LoihiArithmetic.SignMode.MIXED)); // clip 255, drop LSB
        assertEquals(-256, LoihiArithmetic.denseWeight(-300, 8, LoihiArithmetic.SignMode.MIXED));
        assertEquals(0, LoihiArithmetic.denseWeight(-5, 8, LoihiArithmetic.SignMode.EXCITATORY));
        assertEquals(-6, LoihiArithmetic.denseWeight(-5, 7, LoihiArithmetic.SignMode.INHIBITORY)); // shift 1: floor(-2.5) = -3, times 2
    }

    @Test
    void negativeSumsShiftByFloor() {
        assertEquals(-3, LoihiArithmetic.denseActivation(-5, -1)); // floor(-2.5)
        assertEquals(2, LoihiArithmetic.denseActivation(5, -1));
        assertEquals(-1, LoihiArithmetic.denseActivation(-1, -4));
        assertEquals(40, LoihiArithmetic.denseActivation(5, 3));
    }

    @Test
    void decaysTruncateTowardZeroWithTheDuOffset() {
        // du = 0 keeps 4095/4096 of u: trunc(-100 * 4095 / 4096) = trunc(-99.97) = -99
        assertEquals(-99, LoihiArithmetic.current(-100, 0, 0));
        assertEquals(99, LoihiArithmetic.current(100, 0, 0));
        // du = 4095: no current memory, u = a_in << 6
        assertEquals(5 << 6, LoihiArithmetic.current(12345, 4095, 5));
        // dv = 0: no voltage leak
        assertEquals(100 + 7 + (3 << 2), LoihiArithmetic.voltage(100, 0, 7, 3, 2));
        assertEquals(-50, LoihiArithmetic.voltage(-100, 2048, 0, 0, 0));
    }

    @Test
    void currentWrapsOnceBeyond2To23() {
        int max = 1 << 23;
        assertEquals(max, LoihiArithmetic.current(max - 64, 4095, (max) >> 6)); // exactly 2^23 stays (rule is '>')
        assertEquals(max + 64 - (1 << 24), LoihiArithmetic.current(0, 4095, (max + 64) >> 6));
        assertEquals(-max + 64 + (1 << 24) - 128, LoihiArithmetic.current(0, 4095, (-max - 64) >> 6));
    }

    @Test
    void voltageSaturates() {
        int limit = (1 << 23) - 1;
        assertEquals(limit, LoihiArithmetic.voltage(limit, 0, 1000, 0, 0));
        assertEquals(-limit, LoihiArithmetic.voltage(-limit, 0, -1000, 0, 0));
    }

    @Test
    void thresholdIsStrictAndResetsOnlyV() {
        int vth = 10; // compared with 640
        assertFalse(LoihiArithmetic.fires(640, vth));
        assertTrue(LoihiArithmetic.fires(641, vth));
        int[] uv = {0, 600};
        assertTrue(LoihiArithmetic.lifStep(uv, 4095, 0, vth, 0, 0, 1)); // u = 64, v = 664 > 640
        assertArrayEquals(new int[] {64, 0}, uv, "v reset to zero, u kept");
    }

    @Test
    void wrapIsTwosComplement() {
        assertEquals(-(1 << 23), LoihiArithmetic.convWrap(1 << 23));
        assertEquals((1 << 23) - 1, LoihiArithmetic.convWrap(-(1 << 23) - 1));
        assertEquals(5, LoihiArithmetic.convWrap(5 + (3L << 24)));
    }

    @Property(tries = 300)
    void integrateAndFireWithoutLeakCountsFloorOfChargeOverThreshold(@ForAll @IntRange(min = 0, max = 2000) int input,
                                                                      @ForAll @IntRange(min = 1, max = 5000) int vth,
                                                                      @ForAll @IntRange(min = 1, max = 64) int steps) {
        // du = 4095, dv = 0: each step adds input·64 to v; with reset to zero the neuron fires
        // every k steps, k = smallest with k·input·64 > vth·64, i.e. k = floor(vth / input) + 1
        int[] uv = {0, 0};
        int spikes = 0;
        for (int t = 0; t < steps; t++) {
            spikes += LoihiArithmetic.lifStep(uv, 4095, 0, vth, 0, 0, input) ? 1 : 0;
        }
        int expected = input == 0 ? 0 : steps / (vth / input + 1);
        assertEquals(expected, spikes);
    }
}
