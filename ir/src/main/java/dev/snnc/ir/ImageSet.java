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

    /** The first {@code n} images (all when fewer), as a view. */
    default ImageSet first(int n) {
        return n >= size() ? this : new ImageRange(this, 0, n);
    }

    /** Images {@code [start, end)}, as a view (one partition of a distributed run). */
    default ImageSet range(int start, int end) {
        return start == 0 && end == size() ? this : new ImageRange(this, start, end - start);
    }

    /** Labels of images {@code [start, start+n)}. */
    default int[] labels(int start, int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = label(start + i);
        }
        return out;
    }

    /** The largest label in the set (−1 when empty): checked against a model's class count. */
    default int maxLabel() {
        int max = -1;
        for (int i = 0; i < size(); i++) {
            max = Math.max(max, label(i));
        }
        return max;
    }
}
