package dev.snnc.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The delta varint coding of recorded spikes gives back every index, in order, whatever the order. */
class SpikeTrainsCodingTest {
    @Test
    void ascendingUnorderedAndExtremeIndexesRoundTrip() {
        Random r = new Random(3);
        int[][] cases = {
            {}, {0}, {Integer.MAX_VALUE}, {5, 3, 9, 0}, {0, Integer.MAX_VALUE, 0, 1},
            r.ints(1000, 0, 800_000).sorted().toArray(), r.ints(1000, 0, Integer.MAX_VALUE).toArray()};
        for (int[] spikes : cases) {
            int[] padded = Arrays.copyOf(spikes, spikes.length + 3); // count, not length, bounds the list
            byte[] coded = SpikeTrains.encode(padded, spikes.length);
            int[] into = new int[spikes.length + 1];
            int n = SpikeTrains.decode(coded, into);
            assertEquals(spikes.length, n);
            assertArrayEquals(spikes, Arrays.copyOf(into, n));
        }
    }

    @Test
    void denseAscendingSpikesTakeAboutAByteEach() {
        int[] spikes = new Random(4).ints(100_000, 0, 2_000_000).distinct().sorted().toArray();
        byte[] coded = SpikeTrains.encode(spikes, spikes.length);
        assertTrue(coded.length < 1.1 * spikes.length, coded.length + " bytes for " + spikes.length + " spikes");
    }
}
