package dev.snnc.cli;

import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Where images come from and how they are preprocessed; shared by every command that reads data. */
final class DataOptions {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of MNIST-format IDX files (default: ${DEFAULT-VALUE}, Debian package "
                    + "dataset-fashion-mnist). The repository bundles a subset in data/fashion-mnist-subset.")
    Path dataDir = MnistFormatDataset.DEBIAN_FASHION_MNIST;

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

    /** Loads {@code --split}, or {@code defaultSplit} when the option was not given. */
    LabeledImages load(String defaultSplit) {
        String chosen = split != null ? split : defaultSplit;
        MnistFormatDataset.Split s = switch (chosen) {
            case "train" -> MnistFormatDataset.Split.TRAIN;
            case "test" -> MnistFormatDataset.Split.TEST;
            default -> throw badOption("--split must be 'train' or 'test', got '" + chosen + "'");
        };
        LabeledImages images = MnistFormatDataset.load(dataDir, s);
        if (limit != null) {
            if (limit < 1) {
                throw badOption("--limit must be at least 1, got " + limit);
            }
            images = images.first(limit);
        }
        return images;
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
            java.io.PrintWriter err = mixee != null ? mixee.commandLine().getErr() : new java.io.PrintWriter(System.err, true);
            err.println("warning: model " + model.name() + " has no " + Preprocessing.METADATA_KEY + " metadata; "
                    + "assuming pixels scaled to [0,1] (scale 1/255, mean 0, std 1). If it was trained on normalised "
                    + "input, give --scale/--mean/--std or store them with models/tools/onnx_metadata.py");
        }
        Preprocessing stored = model.preprocessing().orElse(Preprocessing.UNIT_SCALE);
        try {
            return new Preprocessing(scale != null ? scale : stored.scale(), mean != null ? mean : stored.mean(),
                    std != null ? std : stored.std());
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
        return snn.preprocessing().orElse(Preprocessing.UNIT_SCALE);
    }

    /** SNNC-E300 when --scale, --mean or --std was given to a command that cannot use it ({@code why}). */
    void refuseOverrides(String why) {
        if (scale != null || mean != null || std != null) {
            throw badOption("--scale/--mean/--std apply to ONNX models only: " + why);
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
