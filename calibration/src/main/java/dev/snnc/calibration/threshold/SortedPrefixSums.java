package dev.snnc.calibration.threshold;

/**
 * Prefix sums of a sorted array and of its squares, {@code Σ a[0..i)} and {@code Σ a[0..i)²}, at
 * any index, kept only at every {@link #BLOCK}th index. A full table needs two doubles per value
 * (1.6 GB for a 224x224 MobileNet layer over a 128-image batch, on top of the values); the blocked
 * one needs 1/64 of that. A lookup continues the sum from the block start in the same order as a
 * running sum, so every value is bit-identical to the full table's (thresholds do not move).
 */
final class SortedPrefixSums {
    static final int BLOCK = 64;

    private final float[] values;
    private final double[] blockSum;
    private final double[] blockSumSq;

    SortedPrefixSums(float[] values) {
        this.values = values;
        int blocks = values.length / BLOCK + 1;
        blockSum = new double[blocks];
        blockSumSq = new double[blocks];
        double s = 0;
        double sq = 0;
        for (int i = 0; i < values.length; i++) {
            if (i % BLOCK == 0) {
                blockSum[i / BLOCK] = s;
                blockSumSq[i / BLOCK] = sq;
            }
            s += values[i];
            sq += (double) values[i] * values[i];
        }
        if (values.length % BLOCK == 0) {
            blockSum[values.length / BLOCK] = s;
            blockSumSq[values.length / BLOCK] = sq;
        }
    }

    /** {@code Σ values[0..i)}. */
    double sum(int i) {
        double s = blockSum[i / BLOCK];
        for (int j = i - i % BLOCK; j < i; j++) {
            s += values[j];
        }
        return s;
    }

    /** {@code Σ values[0..i)²}. */
    double sumSq(int i) {
        double s = blockSumSq[i / BLOCK];
        for (int j = i - i % BLOCK; j < i; j++) {
            s += (double) values[j] * values[j];
        }
        return s;
    }
}
