package dev.snnc.frontend.data;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;

/**
 * A set of images with labels, held as raw bytes ({@code [N, C, H, W]} row-major) until a batch is
 * requested, so a 10k-image test set costs 8 MB, not 31 MB of floats.
 */
public final class LabeledImages implements ImageSet {
    private final String source;
    private final Shape imageShape;
    private final byte[] pixels;
    private final byte[] labels;
    private final int count;

    public LabeledImages(String source, Shape imageShape, byte[] pixels, byte[] labels) {
        long per = imageShape.size();
        if (pixels.length % per != 0 || pixels.length / per != labels.length) {
            throw new IllegalArgumentException(source + ": " + pixels.length + " pixel bytes and " + labels.length
                    + " labels do not form images of shape " + imageShape);
        }
        this.source = source;
        this.imageShape = imageShape;
        this.pixels = pixels;
        this.labels = labels;
        this.count = labels.length;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Shape imageShape() {
        return imageShape;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int label(int i) {
        return labels[i] & 0xFF;
    }

    /** The first {@code n} images (or all, if fewer), as a copy. */
    @Override
    public LabeledImages first(int n) {
        int k = Math.min(n, count);
        int per = (int) imageShape.size();
        return new LabeledImages(source + "[0:" + k + "]", imageShape,
                java.util.Arrays.copyOf(pixels, k * per), java.util.Arrays.copyOf(labels, k));
    }

    /** Images {@code [start, start+n)} preprocessed into a row-major {@code [n, C, H, W]} float array. */
    @Override
    public float[] batch(int start, int n, Preprocessing pre) {
        int per = (int) imageShape.size();
        float[] out = new float[n * per];
        for (int i = 0; i < n; i++) {
            pre.applyImage(pixels, (start + i) * per, per, imageShape.dim(0), out, i * per);
        }
        return out;
    }

    @Override
    public int[] labels(int start, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = label(start + i);
        }
        return out;
    }
}
