package dev.snnc.cli;

import dev.snnc.calibration.calib.CalibrationOptions;
import dev.snnc.calibration.convert.PhaseCopies;
import dev.snnc.calibration.calib.CalibrationReport;
import dev.snnc.calibration.calib.CalibrationStep;
import dev.snnc.calibration.calib.Calibrator;
import dev.snnc.ir.InputEncoding;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;
import dev.snnc.calibration.threshold.ThresholdSpec;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.op.NeuronModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snnc calibrate MODEL.onnx}: ANN-to-SNN conversion with SNN Calibration, saved as .snn. */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Convert a model to an integrate-and-fire SNN and calibrate it (SNN Calibration, Li et al. 2021) "
                + "on unlabeled training images; writes a .snn file.",
        footer = {"", "Methods: none | light (bias) | advanced = advanced-cifar (membrane potential) | "
                + "advanced+weights = advanced-imagenet (weights, then potential) | a list of bias,potential,weights "
                + "(calibration/README.md compares them with the paper's names).", "Examples (bundled model and data):",
            "  ./snnc calibrate models/mobilenet-fashion.onnx --T 32 --method light \\", "      --data data/fashion-mnist-subset -o mobilenet.snn",
            "  ./snnc calibrate models/mobilenet-fashion.onnx --T 16 \\", "      --method advanced+weights --data data/fashion-mnist-subset \\", "      -o mobilenet-aw.snn",
            "  ./snnc calibrate models/mobilenet-fashion.onnx --reset zero --compare gt \\", "      --phase-copies 2 --data data/fashion-mnist-subset -o mobilenet-stock.snn",
            "      (stock reset-to-zero neurons, ADR 0029)",
            "  ./snnc eval mobilenet.snn --data data/fashion-mnist-subset"})
final class CalibrateCommand implements Callable<Integer> {
    @Mixin
    ModelArgument model;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Mixin
    SparkOptions spark;

    @Option(names = "--T", paramLabel = "N", description = "Time steps (default: ${DEFAULT-VALUE}).")
    int timesteps = 32;

    @Option(names = "--threshold", paramLabel = "max|mse|percentile:P[*S]",
            description = "Threshold estimator, optionally times a scale S (e.g. mse*2: lower rates, less charge lost "
                    + "at each reset to zero; default: ${DEFAULT-VALUE}).")
    String threshold = "mse";

    @Option(names = "--channel-wise", description = "One threshold per channel instead of per layer.")
    boolean channelWise;

    @Option(names = "--method", paramLabel = "M", description = "Calibration method (default: ${DEFAULT-VALUE}).")
    String method = "light";

    @Option(names = "--calib-images", paramLabel = "N", description = "Calibration images (default: ${DEFAULT-VALUE}).")
    int calibImages = 1024;

    @Option(names = "--batch-size", paramLabel = "N", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batchSize = 128;

    @Option(names = "--snn-batch-size", paramLabel = "N",
            description = "Images per SNN measurement pass, at most: fewer where the largest population's state "
                    + "would pass 32 MiB per pass (large inputs run faster and in less memory). Speed and memory only; "
                    + "results change by float rounding (sums are taken per pass batch) (default: ${DEFAULT-VALUE}).")
    int snnBatchSize = 128;

    @Option(names = "--threshold-batches", paramLabel = "N",
            description = "Batches for threshold estimation, smoothed by EMA 0.9 (default: ${DEFAULT-VALUE}).")
    int thresholdBatches = 7;

    @Option(names = "--iterations", paramLabel = "N", description = "Adam iterations per layer for weight calibration "
            + "(default: ${DEFAULT-VALUE}).")
    int iterations = 1000;

    @Option(names = "--bias-iterations", paramLabel = "N", description = "Bias calibration rounds per population, each "
            + "on a fresh measurement (default: ${DEFAULT-VALUE}, the reference method; one round leaves part of the mean "
            + "rate error in deep networks).")
    int biasIterations = 1;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate, cosine-decayed (default: ${DEFAULT-VALUE}).")
    double learningRate = 1e-4;

    @Option(names = "--seed", paramLabel = "N", description = "Seed for image choice and weight batches (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--reset", paramLabel = "subtract|zero", description = "Reset after a spike (default: ${DEFAULT-VALUE}).")
    String reset = "subtract";

    @Option(names = "--fire-ratio", paramLabel = "auto|R", description = "Neurons that reset to zero fire at R times "
            + "their threshold, each spike still carrying the threshold; 'auto' searches R per channel (default: ${DEFAULT-VALUE}).")
    String fireRatio = "auto";

    @Option(names = "--phase-copies", paramLabel = "K", description = "Split every activation channel into K neurons, "
            + "each carrying 1/K of it and started at staggered potentials, so that one input spike is K times smaller "
            + "against a threshold: what keeps neurons that reset to zero accurate (ADR 0029). Costs K times the neurons "
            + "and up to K² times the synapses (default: ${DEFAULT-VALUE}, no copies).")
    int phaseCopies = 1;

    @Option(names = "--compare", paramLabel = "ge|gt", description = "Spike when potential >= or > threshold (default: ${DEFAULT-VALUE}).")
    String compare = "ge";

    @Option(names = "--no-shift", description = "Do not add θ/(2T) per step (the reference adds it).")
    boolean noShift;

    @Option(names = "--encoding", paramLabel = "analog|rate", description = "Input coding (default: ${DEFAULT-VALUE}).")
    String encoding = "analog";

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The .snn file to write.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PhaseCopiesOption.refuseEarly(phaseCopies, spark);
        data.localize(spark);
        Graph ann = model.load();
        CalibrationOptions opt = options();
        data.refuseLimit("--calib-images N (calibration images drawn from the training split)");
        Preprocessing pre = data.preprocessing(ann);
        ImageSet images = data.load("train", DataExpectation.of(ann, pre));
        Graph annWithPre = PhaseCopies.expand(ann.toBuilder().preprocessing(pre).build(), phaseCopies);
        Calibrator.Result r;
        if (spark.enabled()) {
            ScaleOut scale = ScaleOut.find();
            byte[] onnx = ModelBytes.read(model.model);
            DataSource train = data.source("train", DataExpectation.of(ann, pre));
            r = Calibrator.calibrate(annWithPre, images, pre, opt, new ProgressBars(output.showProgress()),
                    scale.thresholdStatistics(spark.master, onnx, pre, train, spark.partitions()),
                    scale.layerStatistics(spark.master, onnx, pre, train, spark.partitions()));
        } else {
            r = Calibrator.calibrate(annWithPre, images, pre, opt, new ProgressBars(output.showProgress()));
        }
        CalibratedSnn snn = new CalibratedSnn(r.snn(), opt.timesteps(), opt.encoding(), Provenance.calibration(annWithPre, opt, images.size()));
        SnnFile.write(snn, out);
        print(r.report(), opt);
        return Main.EXIT_OK;
    }

    CalibrationOptions options() {
        try {
            Set<CalibrationStep> steps = CalibrationStep.parseMethod(method);
            NeuronModel neuron = new NeuronModel(parse(reset, "reset", NeuronModel.Reset.class, Map.of("subtract",
                    NeuronModel.Reset.SUBTRACT, "zero", NeuronModel.Reset.ZERO)),
                    parse(compare, "compare", NeuronModel.Comparison.class, Map.of("ge", NeuronModel.Comparison.GREATER_EQUAL,
                            "gt", NeuronModel.Comparison.GREATER)), !noShift);
            InputEncoding enc = parse(encoding, "encoding", InputEncoding.class, Map.of("analog", InputEncoding.ANALOG,
                    "rate", InputEncoding.RATE));
            ThresholdSpec spec = ThresholdSpec.parse(threshold, channelWise);
            if (!fireRatio.equalsIgnoreCase("auto")) {
                double r;
                try {
                    r = Double.parseDouble(fireRatio);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--fire-ratio must be auto or a number in (0, 1], got '" + fireRatio + "'");
                }
                if (r != 1 && neuron.reset() != NeuronModel.Reset.ZERO) {
                    throw new IllegalArgumentException("--fire-ratio " + fireRatio + " needs --reset zero (a subtractive neuron "
                            + "keeps the charge a lower firing level would offset)");
                }
                spec = spec.withFireRatio(r);
            }
            return new CalibrationOptions(timesteps, spec, steps, neuron, enc,
                    calibImages, batchSize, thresholdBatches, 0.9, iterations, 32, learningRate, seed, threads, snnBatchSize, biasIterations);
        } catch (IllegalArgumentException e) {
            throw DataOptions.badOption(e.getMessage());
        }
    }

    private static <E> E parse(String value, String option, Class<E> type, Map<String, E> choices) {
        E e = choices.get(value.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new IllegalArgumentException("--" + option + " must be one of " + new java.util.TreeSet<>(choices.keySet())
                    + ", got '" + value + "'");
        }
        return e;
    }

    private void print(CalibrationReport report, CalibrationOptions opt) {
        PrintWriter o = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", out.toString());
            m.put("timesteps", opt.timesteps());
            m.put("method", CalibrationStep.methodName(opt.steps()));
            m.put("steps", CalibrationStep.describe(opt.steps()));
            m.put("threshold", opt.threshold().describe());
            m.put("images", report.images());
            m.put("threshold_seconds", report.thresholdSeconds());
            m.put("layer_seconds", report.layerSeconds());
            m.put("layers", report.layers());
            m.put("weight_fits", report.weightFits());
            OutputOptions.printJson(o, m);
            return;
        }
        o.printf(Locale.ROOT, "calibrated %s: T=%d, %s, thresholds %s, %d images, %.1f s (thresholds %.1f s)%n", out,
                opt.timesteps(), CalibrationStep.methodName(opt.steps()), opt.threshold().describe(), report.images(),
                report.totalSeconds(), report.thresholdSeconds());
        boolean ratios = report.layers().stream().anyMatch(l -> l.fireRatio() != 1);
        o.printf(Locale.ROOT, "%-12s %9s %9s%s  %-24s %-24s%n", "population", "θ min", "θ max", ratios ? "  fires at (mean)" : "",
                "rate MSE before -> after", "|mean err| before -> after");
        for (CalibrationReport.Layer l : report.layers()) {
            String mse = l.before() == null ? "-" : String.format(Locale.ROOT, "%.5f -> %.5f", l.before().mse(), l.after().mse());
            String mean = l.before() == null ? "-" : String.format(Locale.ROOT, "%.5f -> %.5f", l.before().absMeanError(),
                    l.after().absMeanError());
            String fires = ratios ? String.format(Locale.ROOT, "  %6.2f θ", l.fireRatio()) : "";
            o.printf(Locale.ROOT, "%-12s %9.4f %9.4f%s  %-24s %-24s%n", l.name(), l.thresholdMin(), l.thresholdMax(), fires, mse,
                    mean);
        }
    }
}
