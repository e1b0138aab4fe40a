package dev.snnc.ir;

/**
 * Labeled images as the execution modules see them (the frontend reads files into one). Lets
 * calibration and the simulator consume data without depending on the frontend.
 */
public interface ImageSet {
    String source();

    Shape imageShape();

    int size();

    int label(int index);

    /** Images {@code [start, start+n)} preprocessed into a row-major {@code [n, C, H, W]} array. */
    float[] batch(int start, int n, Preprocessing preprocessing);
}
