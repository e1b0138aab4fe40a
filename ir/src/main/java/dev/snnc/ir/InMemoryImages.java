package dev.snnc.ir;

import java.util.Random;

/** Images held in memory as pixel bytes with labels: seeded random images for tests, or a handful for co-simulation. */
public final class InMemoryImages implements ImageSet {
    private final Shape shape;
    private final byte[][] pixels;
    private final int[] labels;
    private final String source;

    public InMemoryImages(String source, Shape shape, byte[][] pixels, int[] labels) {
        if (pixels.length != labels.length) {
            throw new IllegalArgumentException(pixels.length + " images but " + labels.length + " labels");
        }
        this.source = source;
        this.shape = shape;
        this.pixels = pixels.clone();
        this.labels = labels.clone();
    }

    /** {@code n} images of uniformly random bytes with labels in {@code 0..classes−1}, from a seed. */
    public static InMemoryImages random(int n, Shape shape, int classes, long seed) {
        Random r = new Random(seed);
        byte[][] px = new byte[n][(int) shape.size()];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            r.nextBytes(px[i]);
            labels[i] = r.nextInt(classes);
        }
        return new InMemoryImages("random(seed " + seed + ")", shape, px, labels);
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Shape imageShape() {
        return shape;
    }

    @Override
    public int size() {
        return pixels.length;
    }

    @Override
    public int label(int index) {
        return labels[index];
    }

    @Override
    public float[] batch(int start, int count, Preprocessing p) {
        int size = (int) shape.size();
        float[] out = new float[count * size];
        for (int i = 0; i < count; i++) {
            p.applyImage(pixels[start + i], 0, size, shape.dim(0), out, i * size);
        }
        return out;
    }
}
