package dev.snnc.ir;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The per-sample shape of a value (the batch dimension is never part of it): {@code [C,H,W]} for
 * feature maps, {@code [N]} for vectors. Immutable, compared by content.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("shape dimensions must be positive: " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    public int[] dims() {
        return dims.clone();
    }

    public long size() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Channels of a {@code [C,H,W]} shape. */
    public int channels() {
        requireRank(3);
        return dims[0];
    }

    public int height() {
        requireRank(3);
        return dims[1];
    }

    public int width() {
        requireRank(3);
        return dims[2];
    }

    public Shape requireRank(int rank) {
        if (dims.length != rank) {
            throw new IllegalArgumentException("expected a rank-" + rank + " per-sample shape, got " + this);
        }
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.stream(dims).mapToObj(Integer::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
