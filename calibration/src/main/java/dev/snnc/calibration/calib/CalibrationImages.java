package dev.snnc.calibration.calib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.snnc.calibration.djl.BatchShapes;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import java.util.Arrays;
import java.util.Random;

/**
 * The unlabeled calibration images: {@code count} images drawn without replacement from a data set
 * with a seeded shuffle (labels are never read), held preprocessed in one float array.
 */
public final class CalibrationImages {
    private final float[] pixels;
    private final int count;
    private final int[] imageShape;
    private final int perImage;

    public CalibrationImages(ImageSet data, Preprocessing pre, int requested, long seed) {
        int n = Math.min(requested, data.size());
        int[] order = new int[data.size()];
        Arrays.setAll(order, i -> i);
        Random r = new Random(seed);
        for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates
            int j = r.nextInt(i + 1);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        this.imageShape = data.imageShape().dims();
        this.perImage = (int) data.imageShape().size();
        this.count = n;
        this.pixels = new float[n * perImage];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data.batch(order[i], 1, pre), 0, pixels, i * perImage, perImage);
        }
    }

    public int size() {
        return count;
    }

    /** Images {@code [start, start+n)} as an NDArray owned by {@code manager}. */
    public NDArray batch(NDManager manager, int start, int n) {
        return manager.create(Arrays.copyOfRange(pixels, start * perImage, (start + n) * perImage), shape(n));
    }

    /** The images at {@code indexes}, in that order. */
    public NDArray gather(NDManager manager, int[] indexes) {
        float[] out = new float[indexes.length * perImage];
        for (int i = 0; i < indexes.length; i++) {
            System.arraycopy(pixels, indexes[i] * perImage, out, i * perImage, perImage);
        }
        return manager.create(out, shape(indexes.length));
    }

    private Shape shape(int n) {
        return BatchShapes.of(dev.snnc.ir.Shape.of(imageShape), n);
    }
}
