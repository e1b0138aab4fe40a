package dev.snnc.backend.loihi.mapping;

import dev.snnc.ir.Shape;

/**
 * Lava lays a population out as (x, y, c), x slowest; snnc's IR as (c, y, x). Flat [N] populations
 * are the same in both.
 */
public final class LavaOrder {
    private LavaOrder() {
    }

    /** snnc flat index {@code (c·H + y)·W + x} of the neuron at Lava flat index {@code (x·H + y)·C + c}. */
    public static int toSnnc(Shape s, int lava) {
        if (s.rank() != 3) {
            return lava;
        }
        int c = s.dim(0);
        int h = s.dim(1);
        int w = s.dim(2);
        int ch = lava % c;
        int y = (lava / c) % h;
        int x = lava / (c * h);
        return (ch * h + y) * w + x;
    }

    public static int toLava(Shape s, int snnc) {
        if (s.rank() != 3) {
            return snnc;
        }
        int c = s.dim(0);
        int h = s.dim(1);
        int w = s.dim(2);
        int ch = snnc / (h * w);
        int y = (snnc / w) % h;
        int x = snnc % w;
        return (x * h + y) * c + ch;
    }

    /** Lava's shape tuple: {@code (W, H, C)} or {@code (N)}. */
    public static int[] lavaShape(Shape s) {
        return s.rank() == 3 ? new int[] {s.dim(2), s.dim(1), s.dim(0)} : s.dims();
    }

    /** A per-neuron array in snnc order rearranged into Lava order. */
    public static long[] toLava(Shape s, long[] snnc) {
        long[] out = new long[snnc.length];
        for (int i = 0; i < snnc.length; i++) {
            out[toLava(s, i)] = snnc[i];
        }
        return out;
    }

    public static long[] toSnnc(Shape s, long[] lava) {
        long[] out = new long[lava.length];
        for (int i = 0; i < lava.length; i++) {
            out[toSnnc(s, i)] = lava[i];
        }
        return out;
    }
}
