package dev.snnc.cli;

import dev.snnc.calibration.images.ImageFolderImages;
import dev.snnc.frontend.data.CifarBinaryDataset;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.Graph;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** Where images come from and how they are preprocessed; shared by every command that reads data. */
final class DataOptions {
    static final String DEFAULT_DATA = "/usr/share/datasets/fashion-mnist";

    Path dataDir = MnistFormatDataset.DEBIAN_FASHION_MNIST;
    /** {@code --data} when it is a URI ({@code hdfs://}, {@code file://}): read through Hadoop, with --spark only. */
    String dataUri;
    private boolean localized;
    /** A URI {@code --data} that holds class subfolders: read image by image through Hadoop, never copied whole. */
    private boolean remoteFolder;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = DEFAULT_DATA,
            description = "Data directory: MNIST-format IDX files, CIFAR-10/100 binary batches, or an image folder "
                    + "(DIR/train/<class>/*.png|jpg and DIR/test/<class>/..., or DIR/<class>/... for both splits). "
                    + "With --spark, IDX or CIFAR files may also be a URI Hadoop reads (hdfs://HOST/DIR, file:///DIR). "
                    + "Default: ${DEFAULT-VALUE} (Debian package dataset-fashion-mnist). The repository bundles "
                    + "subsets in data/.")
    void data(String value) {
        if (value.matches("[A-Za-z][A-Za-z0-9+.-]*://.*")) {
            dataUri = value;
            localized = false;
        } else {
            dataUri = null;
            dataDir = Path.of(value);
        }
    }

    /**
     * With {@code --spark}: a URI {@code --data} is copied to this machine's cache through Hadoop (and
     * each executor does the same with the data source); without it a URI is refused.
     */
    void localize(SparkOptions spark) {
        if (dataUri != null && spark.enabled()) {
            ScaleOut scale = ScaleOut.find();
            if (scale.isImageFolder(dataUri)) {
                remoteFolder = true;
            } else {
                dataDir = scale.localCopy(dataUri);
            }
            localized = true;
        }
    }

    @Option(names = "--data-format", paramLabel = "FORMAT",
            description = "auto (default: from the directory's files), idx, cifar10, cifar100 or folder.")
    String dataFormat = "auto";

    @Option(names = "--resize", paramLabel = "N", description = "Image folders: resize each image's shorter side to "
            + "N pixels (DJL ResizeShort). Stored with the calibrated model.")
    Integer resize;

    @Option(names = "--crop", paramLabel = "N", description = "Image folders: keep the centre NxN pixels (DJL "
            + "CenterCrop), after --resize. Stored with the calibrated model.")
    Integer crop;

    @Option(names = "--split", paramLabel = "train|test",
            description = "Which split to read (default: test for eval, train for calibrate).")
    String split;

    @Option(names = "--limit", paramLabel = "N", description = "Evaluate, simulate or co-simulate only the first N "
            + "images of the split (calibration and compile count their images with --calib-images and --eval-images).")
    Integer limit;

    private boolean warned;

    /** The command this mixin belongs to (for its error stream). */
    @picocli.CommandLine.Spec(picocli.CommandLine.Spec.Target.MIXEE)
    picocli.CommandLine.Model.CommandSpec mixee;

    @Option(names = "--scale", paramLabel = "S", description = "Override preprocessing: multiply raw bytes by S.")
    Double scale;

    @Option(names = "--mean", paramLabel = "M", split = ",", description = "Override preprocessing: per-channel mean.")
    List<Double> mean;

    @Option(names = "--std", paramLabel = "S", split = ",", description = "Override preprocessing: per-channel std.")
    List<Double> std;


    /**
     * Loads {@code --split} (or {@code defaultSplit}) for a model that expects {@code expect}: checks the
     * image shape and that every label is one of the model's classes (SNNC-E201 naming the data).
     */
    ImageSet load(String defaultSplit, DataExpectation expect) {
        DataSource source = source(defaultSplit, expect);
        ImageSet images = source.format() == DataSource.Format.FOLDER
                ? source.openFolder(geometry(expect.preprocessing()), note -> err().println(note))
                        .first(source.limit() > 0 ? source.limit() : Integer.MAX_VALUE)
                : source.open();
        check(images, expect, source.format());
        return images;
    }

    /**
     * As {@link #load}, for a run whose executors read the images: IDX and CIFAR sets come without
     * their pixels (labels and shape only), image folders are listed; checked against the model alike.
     */
    ImageSet checked(String defaultSplit, DataExpectation expect) {
        DataSource source = source(defaultSplit, expect);
        if (source.format() == DataSource.Format.FOLDER) {
            return load(defaultSplit, expect);
        }
        ImageSet labels = source.labels();
        check(labels, expect, source.format());
        return labels;
    }

    /** The split this command reads, resolved to plain values (what {@link #load} opens; what executors reopen). */
    DataSource source(String defaultSplit, DataExpectation expect) {
        String chosen = split != null ? split : defaultSplit;
        MnistFormatDataset.Split s = switch (chosen) {
            case "train" -> MnistFormatDataset.Split.TRAIN;
            case "test" -> MnistFormatDataset.Split.TEST;
            default -> throw badOption("--split must be 'train' or 'test', got '" + chosen + "'");
        };
        DataSource.Format format = format();
        refuseOtherGeometry(expect.preprocessing(), expect.model());
        if (format != DataSource.Format.FOLDER && (resize != null || crop != null)) {
            throw badOption("--resize and --crop apply to image folders; " + dataDir + " holds "
                    + format.name().toLowerCase(Locale.ROOT) + " data of fixed size");
        }
        if (limit != null && limit < 1) {
            throw badOption("--limit must be at least 1, got " + limit);
        }
        Preprocessing g = geometry(expect.preprocessing());
        String dir = remoteFolder ? dataUri
                : (format == DataSource.Format.FOLDER ? folderSplit(s) : dataDir).toAbsolutePath().toString();
        return new DataSource(dir, dataUri, format, s.name(), expect.input().dim(0), g.resize(),
                g.crop(), limit == null ? 0 : limit);
    }

    /** Checks a set opened from {@link #source} against the model (shape, labels), as {@link #load} does. */
    void check(ImageSet images, DataExpectation expect, DataSource source) {
        check(images, expect, source.format());
    }

    private void check(ImageSet images, DataExpectation expect, DataSource.Format format) {
        if (!images.imageShape().equals(expect.input())) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.DATA_MISMATCH, Origin.SYNTHETIC,
                    "images of " + images.source() + " have shape " + images.imageShape() + " but model "
                            + expect.model() + " reads " + expect.input())
                    .withHint(format == DataSource.Format.FOLDER ? "give --resize N --crop N with N = " + expect.input().dim(2)
                            + " (or the sizes the model was trained with)" : "use data of the model's input size"));
        }
        int maxLabel = images.maxLabel();
        if (maxLabel >= expect.classes()) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.DATA_MISMATCH, Origin.SYNTHETIC,
                    images.source() + " has label " + maxLabel + " but model " + expect.model() + " scores "
                            + expect.classes() + " classes (0.." + (expect.classes() - 1) + ")"));
        }
    }

    /** {@code --data-format}, or what the directory's files say. */
    DataSource.Format format() {
        if (dataUri != null && !localized) {
            throw badOption("--data " + dataUri + " is a URI: it is read through Hadoop by the distributed module; add "
                    + "--spark MASTER, or give a local directory");
        }
        if (remoteFolder) {
            if (!dataFormat.equals("auto") && !dataFormat.equals("folder")) {
                throw badOption("--data " + dataUri + " holds class subfolders (an image folder), not " + dataFormat);
            }
            return DataSource.Format.FOLDER;
        }
        if (!dataFormat.equals("auto")) {
            try {
                return DataSource.Format.valueOf(dataFormat.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw badOption("--data-format must be auto, idx, cifar10, cifar100 or folder, got '" + dataFormat + "'");
            }
        }
        if (!Files.isDirectory(dataDir)) {
            return DataSource.Format.IDX; // the IDX loader names the missing directory and how to install the default data
        }
        CifarBinaryDataset.Variant cifar = CifarBinaryDataset.detect(dataDir);
        if (cifar != null) {
            return cifar == CifarBinaryDataset.Variant.CIFAR10 ? DataSource.Format.CIFAR10 : DataSource.Format.CIFAR100;
        }
        try (var entries = Files.list(dataDir)) {
            List<Path> all = entries.limit(100_000).toList();
            boolean idx = all.stream().anyMatch(p -> p.getFileName().toString().contains("-idx"));
            boolean dirs = all.stream().anyMatch(Files::isDirectory);
            return idx || !dirs ? DataSource.Format.IDX : DataSource.Format.FOLDER;
        } catch (java.io.IOException e) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC,
                    "cannot list data directory " + dataDir + ": " + e.getMessage()));
        }
    }

    /** DIR/train or DIR/test (else DIR/val) when the folder is split, otherwise DIR itself for both. */
    private Path folderSplit(MnistFormatDataset.Split s) {
        boolean splitFolder = Files.isDirectory(dataDir.resolve("train")) || Files.isDirectory(dataDir.resolve("test"))
                || Files.isDirectory(dataDir.resolve("val"));
        if (!splitFolder) {
            return dataDir;
        }
        List<String> names = s == MnistFormatDataset.Split.TRAIN ? List.of("train") : List.of("test", "val");
        for (String name : names) {
            if (Files.isDirectory(dataDir.resolve(name))) {
                return dataDir.resolve(name);
            }
        }
        throw new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC, "image folder " + dataDir
                + " is split into train/test subfolders but has no " + String.join(" or ", names) + "/ subfolder"));
    }

    /**
     * The resize/crop for image folders: the options where given, else what the model stores. A model
     * that stores a geometry keeps it: a different one would disagree with its calibration.
     */
    Preprocessing geometry(Preprocessing stored) {
        int r = resize != null ? resize : stored.resize();
        int c = crop != null ? crop : stored.crop();
        try {
            return stored.withGeometry(r, c);
        } catch (IllegalArgumentException e) {
            throw badOption(e.getMessage());
        }
    }

    private java.io.PrintWriter err() {
        return mixee != null ? mixee.commandLine().getErr() : new java.io.PrintWriter(System.err, true);
    }

    /**
     * For an ONNX model: the options override what the model stores; without either, pixels are
     * scaled to [0,1] and a warning on stderr names that assumption and the options, since a model
     * trained on normalised input then scores far below its real accuracy.
     */
    Preprocessing preprocessing(Graph model) {
        boolean overridden = scale != null || mean != null || std != null;
        if (model.preprocessing().isEmpty() && !overridden && !warned) {
            warned = true;
            err().println("warning: model " + model.name() + " has no " + Preprocessing.METADATA_KEY + " metadata; "
                    + "assuming pixels scaled to [0,1] (scale 1/255, mean 0, std 1). If it was trained on normalised "
                    + "input, give --scale/--mean/--std or store them with models/tools/onnx_metadata.py");
        }
        Preprocessing stored = model.preprocessing().orElse(Preprocessing.UNIT_SCALE);
        try {
            return geometry(new Preprocessing(scale != null ? scale : stored.scale(), mean != null ? mean : stored.mean(),
                    std != null ? std : stored.std(), stored.resize(), stored.crop()));
        } catch (IllegalArgumentException e) {
            throw badOption(e.getMessage());
        }
    }

    /**
     * For a calibrated (.snn) or fixed-point model, which carries the preprocessing it was calibrated
     * with: overriding it would make the run disagree with the calibration, so the options are refused.
     */
    Preprocessing stored(Graph snn, String file) {
        refuseOverrides(file + " stores its preprocessing (" + snn.preprocessing().map(Preprocessing::format)
                .orElse("scale to [0,1]") + ")");
        Preprocessing stored = snn.preprocessing().orElse(Preprocessing.UNIT_SCALE);
        refuseOtherGeometry(stored, file);
        return stored;
    }

    /** SNNC-E300 when --scale, --mean or --std was given to a command that cannot use it ({@code why}). */
    void refuseOverrides(String why) {
        if (scale != null || mean != null || std != null) {
            throw badOption("--scale/--mean/--std apply to ONNX models only: " + why);
        }
    }

    /** SNNC-E300 when --resize/--crop differ from a geometry the model was calibrated with. */
    void refuseOtherGeometry(Preprocessing stored, String file) {
        if (stored.hasGeometry() && !geometry(stored).equals(stored)) {
            throw badOption(file + " was calibrated on images with " + stored.describeGeometry()
                    + "; --resize/--crop cannot change that");
        }
    }

    /** SNNC-E300 when --limit was given to a command whose image count has its own option. */
    void refuseLimit(String instead) {
        if (limit != null) {
            throw badOption("--limit selects the first N images of eval, simulate and cosim; here use " + instead);
        }
    }

    static SnncException badOption(String message) {
        return new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, message));
    }
}
