package dev.snnc.calibration.images;

import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.modality.cv.transform.CenterCrop;
import ai.djl.modality.cv.transform.ResizeShort;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.translate.Pipeline;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

/**
 * A class-per-subfolder image folder as labelled images. Images are decoded on first use (calibration
 * reads a prefix of a possibly huge training folder) with DJL's image factory, resized (shorter side)
 * and centre-cropped with DJL's transforms, and kept as bytes {@code [C, H, W]}; normalisation is the
 * model's {@link Preprocessing}, applied in {@link #batch}. Every image must come out at the shape of
 * the first one: a different size without {@code --resize}/{@code --crop} is an SNNC-E200 naming the file.
 */
public final class ImageFolderImages implements ImageSet {
    private final ImageFiles folder;
    private final int channels;
    private final Pipeline geometry;
    private final Preprocessing geometrySource;
    private final Consumer<String> notes;
    private final byte[][] decoded;
    private final Shape shape;
    private int grayscaleConverted;
    private int colourConverted;

    private ImageFolderImages(ImageFiles folder, int channels, Preprocessing pre, Consumer<String> notes) {
        this.folder = folder;
        this.channels = channels;
        this.geometrySource = pre;
        this.notes = notes;
        this.geometry = new Pipeline();
        if (pre.resize() > 0) {
            geometry.add(new ResizeShort(pre.resize()));
        }
        if (pre.crop() > 0) {
            geometry.add(new CenterCrop(pre.crop(), pre.crop()));
        }
        this.decoded = new byte[folder.count()][];
        this.shape = decodeShape(0);
    }

    /**
     * Opens {@code root} (class subfolders of .png/.jpg files) for a model reading {@code channels}
     * channels (1 or 3), resized and cropped as {@code pre} says; {@code notes} receives one line per
     * kind of conversion (grayscale images in a colour set and the reverse).
     */
    public static ImageFolderImages open(Path root, int channels, Preprocessing pre, Consumer<String> notes) {
        if (channels != 1 && channels != 3) {
            throw SortedImageFolder.problem("image folder " + root + ": the model reads " + channels
                    + " channels; image files give 1 (grayscale) or 3 (RGB)");
        }
        return new ImageFolderImages(SortedImageFolder.open(root, channels == 3 ? Image.Flag.COLOR : Image.Flag.GRAYSCALE),
                channels, pre, notes);
    }

    /** The same over image files stored elsewhere (the distributed module's Hadoop folders), in their order. */
    public static ImageFolderImages open(ImageFiles files, int channels, Preprocessing pre, Consumer<String> notes) {
        if (channels != 1 && channels != 3) {
            throw SortedImageFolder.problem("image folder " + files.root() + ": the model reads " + channels
                    + " channels; image files give 1 (grayscale) or 3 (RGB)");
        }
        return new ImageFolderImages(files, channels, pre, notes);
    }

    @Override
    public String source() {
        return folder.root() + " (image folder, " + folder.count() + " images, "
                + folder.classNames().size() + " classes" + (geometrySource.hasGeometry() ? ", "
                + geometrySource.describeGeometry() : "") + ")";
    }

    @Override
    public Shape imageShape() {
        return shape;
    }

    @Override
    public int size() {
        return folder.count();
    }

    @Override
    public int label(int index) {
        return folder.classOf(index);
    }

    /** The file image {@code index} is read from (a path, or a URI). */
    public String file(int index) {
        return folder.name(index);
    }

    /** Class names in label order (the sorted subfolder names). */
    public List<String> classNames() {
        return folder.classNames();
    }

    @Override
    public float[] batch(int start, int n, Preprocessing pre) {
        int per = (int) shape.size();
        float[] out = new float[n * per];
        for (int i = 0; i < n; i++) {
            pre.applyImage(pixels(start + i), 0, per, channels, out, i * per);
        }
        return out;
    }

    /** Decoded bytes of one image, {@code [C, H, W]}. */
    synchronized byte[] pixels(int index) {
        if (decoded[index] == null) {
            decoded[index] = decode(index); // refuses an image that does not come out at the set's size
        }
        return decoded[index];
    }

    private Shape decodeShape(int index) {
        int[] hw = new int[2];
        decoded[index] = decode(index, hw);
        return Shape.of(channels, hw[0], hw[1]);
    }

    private byte[] decode(int index) {
        int[] hw = new int[2];
        byte[] px = decode(index, hw);
        if (hw[0] != shape.dim(1) || hw[1] != shape.dim(2)) {
            throw SortedImageFolder.problem(mismatch(index) + ": it comes out " + hw[0] + "x" + hw[1]);
        }
        return px;
    }

    private String mismatch(int index) {
        return "image " + folder.name(index) + " does not have the set's size " + shape.dim(1) + "x" + shape.dim(2)
                + " (that of " + folder.name(0) + ")" + (geometrySource.hasGeometry() ? ""
                : "; give --resize N and --crop N so every image comes out at the same size");
    }

    private byte[] decode(int index, int[] hwOut) {
        String file = folder.name(index);
        Image image;
        try {
            byte[] bytes = folder.bytes(index);
            ImageHeader.requireReasonableSize(file, bytes);
            image = ImageFactory.getInstance().fromInputStream(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            if (e instanceof dev.snnc.ir.diag.SnncException s) {
                throw s;
            }
            throw SortedImageFolder.problem("image " + file + " cannot be decoded as PNG or JPEG: " + e.getMessage());
        }
        noteConversion(file, image);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray hwc = image.toNDArray(manager, channels == 3 ? Image.Flag.COLOR : Image.Flag.GRAYSCALE);
            NDArray out = geometry.transform(new NDList(hwc)).singletonOrThrow();
            if (out.getDataType() != DataType.UINT8) { // resizing interpolates in float: round back to pixel bytes
                out = out.round().clip(0, 255).toType(DataType.UINT8, false);
            }
            long[] s = out.getShape().getShape();
            hwOut[0] = (int) s[0];
            hwOut[1] = (int) s[1];
            return out.transpose(2, 0, 1).toByteArray();
        }
    }

    private void noteConversion(String file, Image image) {
        if (!(image.getWrappedImage() instanceof BufferedImage b)) {
            return;
        }
        int components = b.getColorModel().getNumColorComponents();
        if (channels == 3 && components == 1 && grayscaleConverted++ == 0) {
            notes.accept("note: " + file + " is grayscale in a colour set; its channel is repeated into R, G and B "
                    + "(further grayscale images are converted the same way without a note)");
        } else if (channels == 1 && components == 3 && colourConverted++ == 0) {
            notes.accept("note: " + file + " is colour but the model reads one channel; it is converted to its "
                    + "luminance (further colour images are converted the same way without a note)");
        }
    }
}
