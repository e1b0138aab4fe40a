package dev.snnc.frontend.onnx;

import dev.snnc.ir.Tensor;

/** The few tensor manipulations the importer needs on constants. */
final class LinearAlgebra {
    private LinearAlgebra() {
    }

    static Tensor transpose(Tensor m) {
        int rows = m.dim(0);
        int cols = m.dim(1);
        float[] src = m.toArray();
        float[] dst = new float[src.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[c * rows + r] = src[r * cols + c];
            }
        }
        return Tensor.of(dst, cols, rows);
    }

    static Tensor scale(Tensor t, float factor) {
        if (factor == 1f) {
            return t;
        }
        float[] v = t.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= factor;
        }
        return Tensor.of(v, t.shape());
    }

    /**
     * A constant that broadcasts (numpy rules, aligned from the right) as one value per each of
     * {@code n} features or channels, where the feature axis is {@code axisFromEnd} from the end
     * (1 for vectors, 3 for [C,H,W] maps): a scalar, or {@code n} along that axis and 1 elsewhere,
     * e.g. {@code [n]}, {@code [1,n]}, {@code [n,1,1]}, {@code [1,n,1,1]}. Returns it as {@code [n]}.
     */
    static Tensor broadcastVector(Tensor c, int n, int axisFromEnd, OnnxAttributes attrs) {
        if (c.size() == 1) {
            float[] v = new float[n];
            java.util.Arrays.fill(v, c.get(0));
            return Tensor.of(v, n);
        }
        int[] dims = c.shape();
        int axis = dims.length - axisFromEnd;
        boolean ok = axis >= 0 && dims[axis] == n;
        for (int i = 0; ok && i < dims.length; i++) {
            ok = i == axis || dims[i] == 1;
        }
        if (!ok) {
            throw attrs.unsupported("constant " + c.describe() + " does not broadcast as one value per each of " + n
                    + (axisFromEnd == 1 ? " features" : " channels"));
        }
        return c.reshape(n);
    }
}
