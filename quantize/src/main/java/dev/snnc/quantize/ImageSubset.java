package dev.snnc.quantize;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import java.util.Random;

/** A seeded random subset of an image set (the calibration images), in a fixed order for a seed. */
public final class ImageSubset implements ImageSet {
    private final ImageSet base;
    private final int[] indexes;

    public ImageSubset(ImageSet base, int count, long seed) {
        this.base = base;
        int n = Math.min(count, base.size());
        int[] all = new int[base.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) { // partial Fisher-Yates: the first n of a seeded shuffle
            int j = i + random.nextInt(all.length - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        indexes = java.util.Arrays.copyOf(all, n);
    }

    @Override
    public String source() {
        return base.source() + " (" + indexes.length + " images)";
    }

    @Override
    public Shape imageShape() {
        return base.imageShape();
    }

    @Override
    public int size() {
        return indexes.length;
    }

    @Override
    public int label(int index) {
        return base.label(indexes[index]);
    }

    @Override
    public float[] batch(int start, int n, Preprocessing p) {
        int per = (int) base.imageShape().size();
        float[] out = new float[n * per];
        for (int i = 0; i < n; i++) {
            System.arraycopy(base.batch(indexes[start + i], 1, p), 0, out, i * per, per);
        }
        return out;
    }
}
