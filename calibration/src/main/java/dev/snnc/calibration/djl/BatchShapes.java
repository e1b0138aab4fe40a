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
}
