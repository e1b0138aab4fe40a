package dev.snnc.frontend.data;

import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory of MNIST-format IDX files ({@code train-images-idx3-ubyte[.gz]},
 * {@code train-labels-idx1-ubyte[.gz]}, {@code t10k-...}), such as Fashion-MNIST from Debian's
 * {@code dataset-fashion-mnist} package.
 */
public final class MnistFormatDataset {
    /** Where Debian's dataset-fashion-mnist package installs the data. */
    public static final Path DEBIAN_FASHION_MNIST = Path.of("/usr/share/datasets/fashion-mnist");

    /** The two splits of the data set. */
    public enum Split {
        TRAIN("train"), TEST("t10k");

        private final String prefix;

        Split(String prefix) {
            this.prefix = prefix;
        }
    }

    private MnistFormatDataset() {
    }

    public static LabeledImages load(Path dir, Split split) {
        Path imagesFile = file(dir, split, "images-idx3");
        Path labelsFile = file(dir, split, "labels-idx1");
        IdxReader.IdxArray images = IdxReader.read(imagesFile, 3);
        IdxReader.IdxArray labels = IdxReader.read(labelsFile, 1);
        if (images.count() != labels.count()) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC,
                    imagesFile + " holds " + images.count() + " images but " + labelsFile + " holds "
                            + labels.count() + " labels"));
        }
        int[] d = images.dims();
        return new LabeledImages(dir.resolve(split.prefix).toString(), Shape.of(1, d[1], d[2]), images.data(), labels.data());
    }

    /**
     * The split's labels and image shape without its pixels (the images file's header only): what the
     * driver of a distributed run checks before the executors read the images.
     */
    public static LabelsOnly labels(Path dir, Split split) {
        Path imagesFile = file(dir, split, "images-idx3");
        Path labelsFile = file(dir, split, "labels-idx1");
        int[] d = IdxReader.dims(imagesFile, 3);
        IdxReader.IdxArray labels = IdxReader.read(labelsFile, 1);
        if (d[0] != labels.count()) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC,
                    imagesFile + " holds " + d[0] + " images but " + labelsFile + " holds " + labels.count() + " labels"));
        }
        return new LabelsOnly(dir.resolve(split.prefix).toString(), Shape.of(1, d[1], d[2]), labels.data());
    }

    /** The split's IDX file of {@code kind} in {@code dir} (which must exist). */
    private static Path file(Path dir, Split split, String kind) {
        if (!Files.isDirectory(dir)) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC,
                    "data directory " + dir + " does not exist")
                    .withHint(installHint()));
        }
        return find(dir, split.prefix + "-" + kind + "-ubyte");
    }

    private static Path find(Path dir, String base) {
        Path gz = dir.resolve(base + ".gz");
        if (Files.isRegularFile(gz)) {
            return gz;
        }
        Path raw = dir.resolve(base);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC,
                "missing " + gz + " (or uncompressed " + raw.getFileName() + "): expected an MNIST-format IDX file")
                .withHint(installHint()));
    }

    private static String installHint() {
        return "install Fashion-MNIST with 'apt-get install dataset-fashion-mnist' (files in " + DEBIAN_FASHION_MNIST
                + "), or pass --data DIR pointing to a directory with MNIST-format IDX files";
    }
}
