package dev.snnc.simulator;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;

/** A data set of one image with label 0, for hand-computed simulator tests. */
record OneImage(Shape imageShape, float[] pixels) implements ImageSet {
    /** A one-pixel image of value 0 (for networks driven by biases alone). */
    static final OneImage BLANK = new OneImage(Shape.of(1), new float[1]);

    @Override
    public String source() {
        return "test";
    }

    @Override
    public int size() {
        return 1;
    }

    @Override
    public int label(int index) {
        return 0;
    }

    @Override
    public float[] batch(int start, int n, Preprocessing p) {
        return pixels.clone();
    }
}
