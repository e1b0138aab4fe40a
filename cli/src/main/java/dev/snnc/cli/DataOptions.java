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

    @Option(names = "--limit", paramLabel = "N", description = "Use only the first N images.")
    Integer limit;

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

    /** Options override what the model stores; without either, pixels are scaled to [0,1]. */
    Preprocessing preprocessing(Graph model) {
        Preprocessing stored = model.preprocessing().orElse(Preprocessing.UNIT_SCALE);
        try {
            return new Preprocessing(scale != null ? scale : stored.scale(), mean != null ? mean : stored.mean(),
                    std != null ? std : stored.std());
        } catch (IllegalArgumentException e) {
            throw badOption(e.getMessage());
        }
    }

    static SnncException badOption(String message) {
        return new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, message));
    }
}
