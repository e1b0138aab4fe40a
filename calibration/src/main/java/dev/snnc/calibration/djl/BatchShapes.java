package dev.snnc.calibration.djl;

import ai.djl.ndarray.types.Shape;

/** DJL shapes for batches of per-sample IR shapes. */
public final class BatchShapes {
    private BatchShapes() {
    }

    /** {@code [n, d0, d1, ...]} for a per-sample shape {@code [d0, d1, ...]}. */
    public static Shape of(dev.snnc.ir.Shape perSample, long n) {
        int[] dims = perSample.dims();
        long[] shape = new long[dims.length + 1];
        shape[0] = n;
        for (int i = 0; i < dims.length; i++) {
            shape[i + 1] = dims[i];
        }
        return new Shape(shape);
    }

    /**
     * Broadcast shape of a per-channel vector of {@code size} values against a batch of rank
     * {@code rank}: {@code [1, size, 1, ...]}.
     */
    public static Shape channel(int rank, long size) {
        long[] dims = new long[rank];
        java.util.Arrays.fill(dims, 1);
        dims[1] = size;
        return new Shape(dims);
    }
}
