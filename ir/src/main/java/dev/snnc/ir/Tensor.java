package dev.snnc.ir;

import java.util.Arrays;
import java.util.Locale;

/**
 * A dense float32 constant (weights, biases, thresholds). Immutable: the data array is copied on
 * the way in and on the way out, and equality is by shape and exact bit content.
 */
public final class Tensor {
    private final int[] shape;
    private final float[] data;

    private Tensor(int[] shape, float[] data) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        if (n != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
        }
        this.shape = shape;
        this.data = data;
    }

    public static Tensor of(float[] data, int... shape) {
        return new Tensor(shape.clone(), data.clone());
    }

    public static Tensor zeros(int... shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return new Tensor(shape.clone(), new float[Math.toIntExact(n)]);
    }

    public int[] shape() {
        return shape.clone();
    }

    public int dim(int i) {
        return shape[i];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    public float get(int flatIndex) {
        return data[flatIndex];
    }

    /** A copy of the values in row-major order. */
    public float[] toArray() {
        return data.clone();
    }

    /** Same values under another shape with the same element count. */
    public Tensor reshape(int... newShape) {
        return new Tensor(newShape.clone(), data);
    }

    /**
     * A short content hash (FNV-1a over shape and float bits), printed in the canonical text form
     * so that golden files notice changed weights without listing them.
     */
    public String checksum() {
        long h = 0xcbf29ce484222325L;
        for (int d : shape) {
            h = (h ^ d) * 0x100000001b3L;
        }
        for (float v : data) {
            h = (h ^ Float.floatToIntBits(v)) * 0x100000001b3L;
        }
        return String.format(Locale.ROOT, "%08x", (int) (h ^ (h >>> 32)));
    }

    public String describe() {
        return Arrays.toString(shape).replace(" ", "") + "#" + checksum();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Tensor" + describe();
    }
}
