package dev.snnc.frontend.data;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;

/**
 * A labelled image set without its pixels: its source, image shape and labels. The driver of a
 * distributed run checks these against the model while the executors read the images themselves;
 * asking it for pixels is a programming error.
 */
public final class LabelsOnly implements ImageSet {
    private final String source;
    private final Shape shape;
    private final byte[] labels;

    public LabelsOnly(String source, Shape shape, byte[] labels) {
        this.source = source;
        this.shape = shape;
        this.labels = labels;
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
        return labels.length;
    }

    @Override
    public int label(int index) {
        return labels[index] & 0xFF;
    }

    @Override
    public float[] batch(int start, int n, Preprocessing preprocessing) {
        throw new IllegalStateException(source + " holds labels only here: its images are read where they are used");
    }
}
