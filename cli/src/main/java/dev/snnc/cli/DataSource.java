package dev.snnc.cli;

import dev.snnc.calibration.images.ImageFolderImages;
import dev.snnc.frontend.data.CifarBinaryDataset;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import java.io.Serializable;
import java.nio.file.Path;

/**
 * A resolved data split ({@code --data}, format, split, image geometry, {@code --limit}) as plain
 * values, so that the process that reads the images need not be the one that parsed the options:
 * a distributed run sends it to every executor, which opens the same set and takes its partition.
 * Image folders decode lazily (behind a URI, each executor reads only its images' files); IDX and
 * CIFAR files are read whole (each is bounded at 1 GiB; behind a URI, copied once per process).
 *
 * @param directory the IDX/CIFAR directory, or the image folder of the split, on the driver
 * @param remote    the URI the directory was copied from through Hadoop (each process copies it), or null
 * @param channels  the model's input channels (image folders: grayscale or RGB decoding)
 * @param limit     the first images only, or 0 for all
 */
public record DataSource(String directory, String remote, Format format, String split, int channels, int resize, int crop,
                         int limit) implements Serializable {
    /** The data formats {@code --data} can hold. */
    public enum Format { IDX, CIFAR10, CIFAR100, FOLDER }

    /** The same split, its first {@code n} images only. */
    public DataSource withLimit(int n) {
        return new DataSource(directory, remote, format, split, channels, resize, crop, limit > 0 ? Math.min(limit, n) : n);
    }

    /** Opens the set (the same images, in the same order, wherever it is called). */
    public ImageSet open() {
        return read(true);
    }

    /**
     * The set's labels and image shape without its pixels where the format allows (IDX, CIFAR); an
     * image folder is listed (and its first image decoded for the shape). What a distributed run's
     * driver checks and counts while the executors read the images.
     */
    public ImageSet labels() {
        return read(false);
    }

    private ImageSet read(boolean pixels) {
        ImageSet images;
        if (format == Format.FOLDER) {
            images = openFolder(Preprocessing.UNIT_SCALE.withGeometry(resize, crop), note -> { }); // decodes lazily
        } else {
            MnistFormatDataset.Split s = MnistFormatDataset.Split.valueOf(split);
            Path dir = remote != null ? ScaleOut.find().localCopy(remote) : Path.of(directory);
            CifarBinaryDataset.Variant cifar = format == Format.CIFAR10 ? CifarBinaryDataset.Variant.CIFAR10
                    : CifarBinaryDataset.Variant.CIFAR100;
            images = format == Format.IDX
                    ? (pixels ? MnistFormatDataset.load(dir, s) : MnistFormatDataset.labels(dir, s))
                    : (pixels ? CifarBinaryDataset.load(dir, cifar, s) : CifarBinaryDataset.labels(dir, cifar, s));
        }
        return limit > 0 ? images.first(limit) : images;
    }

    /** The image folder (all of it): a local split folder, or one Hadoop reads image by image. */
    ImageFolderImages openFolder(Preprocessing geometry, java.util.function.Consumer<String> notes) {
        return remote != null ? ImageFolderImages.open(ScaleOut.find().imageFolder(remote, split), channels, geometry, notes)
                : ImageFolderImages.open(Path.of(directory), channels, geometry, notes);
    }
}
