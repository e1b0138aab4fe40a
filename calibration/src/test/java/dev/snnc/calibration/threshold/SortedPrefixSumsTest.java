package dev.snnc.calibration.threshold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SortedPrefixSumsTest {
    @Test
    void everyPrefixIsBitIdenticalToARunningSum() {
        Random r = new Random(7);
        for (int n : new int[] {0, 1, 63, 64, 65, 128, 1000, 4097}) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) Math.abs(r.nextGaussian() * 3);
            }
            Arrays.sort(v);
            SortedPrefixSums p = new SortedPrefixSums(v);
            double s = 0;
            double sq = 0;
            for (int i = 0; i <= n; i++) {
                assertEquals(Double.doubleToLongBits(s), Double.doubleToLongBits(p.sum(i)), "sum n=" + n + " i=" + i);
                assertEquals(Double.doubleToLongBits(sq), Double.doubleToLongBits(p.sumSq(i)), "sumSq n=" + n + " i=" + i);
                if (i < n) {
                    s += v[i];
                    sq += (double) v[i] * v[i];
                }
            }
        }
    }
}
