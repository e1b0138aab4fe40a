package dev.snnc.cli;

import dev.snnc.calibration.calib.CalibrationOptions;
import dev.snnc.calibration.calib.CalibrationStep;
import dev.snnc.calibration.djl.AnnEvaluator;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.calibration.threshold.ThresholdSpec;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code snnc bench calibration}: SNN accuracy for each model x T x calibration method next to the
 * ANN, calibration wall time and float SNN throughput; written to bench/results as JSON and
 * Markdown after every row, so an interrupted run keeps what it measured.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Run a benchmark suite and write JSON + Markdown results (benchmarks are measurements, not tests).",
        footer = {"", "Suites: calibration (float SNN accuracy per method and T), quantize (fixed point per target, "
                + "plain and recalibrated), simulator (throughput of the integer simulator and the float SNN vs T and "
                + "network size; default 1,000 test images), reset-zero (subtractive vs reset-to-zero float SNN, naive "
                + "and with the calibrated fire ratio, and stock LIF fixed point for loihi2 and netx).", "Examples:",
            "  ./snnc bench simulator --quick",
            "  ./snnc bench simulator --models models/mobilenet-fashion.onnx \\", "      --timesteps 8,16,32,64 --name my-simulator",
            "  ./snnc bench calibration --quick",
            "  ./snnc bench quantize --quick",
            "  ./snnc bench quantize --models models/mobilenet-fashion.onnx \\", "      --timesteps 16,32,64 --name my-quantize",
            "  ./snnc bench calibration --models models/mobilenet-fashion.onnx \\", "      --timesteps 32 --methods light --name my-light"})
final class BenchCommand implements Callable<Integer> {
    /** A benchmark configuration: method name as reported, threshold estimator and steps. */
    record Config(String label, String threshold, String method) {
    }

    static final List<Config> CONFIGS = List.of(new Config("none (max θ)", "max", "none"), new Config("mse", "mse", "none"),
            new Config("light", "mse", "light"), new Config("advanced", "mse", "advanced"),
            new Config("advanced+weights", "mse", "advanced+weights"));

    @Parameters(index = "0", paramLabel = "SUITE", description = "Benchmark suite: calibration, quantize, simulator or "
            + "reset-zero.")
    String suite;

    @Mixin
    DataOptions data;

    @Option(names = "--models", split = ",", paramLabel = "ONNX",
            description = "Models (default: the bundled MobileNet, VGG- and ResNet-style models).")
    List<Path> models;

    @Option(names = "--timesteps", split = ",", paramLabel = "T", description = "T values (default: 8,16,32,64).")
    List<Integer> timesteps = List.of(8, 16, 32, 64);

    @Option(names = "--methods", split = ",", paramLabel = "M",
            description = "Configurations: none-max, mse, light, advanced, advanced+weights (default: all).")
    List<String> methods;

    @Option(names = "--test-images", paramLabel = "N", description = "Test images per evaluation (default: all).")
    Integer testImages;

    @Option(names = "--calib-images", paramLabel = "N", description = "Calibration images (default: ${DEFAULT-VALUE}).")
    int calibImages = 1024;

    @Option(names = "--iterations", paramLabel = "N", description = "Weight-calibration iterations (default: ${DEFAULT-VALUE}).")
    int iterations = 1000;

    @Option(names = "--quick", description = "Smoke run: bundled subset, MobileNet, T=8, 200 test and 256 calibration images.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path outDir = Path.of("bench", "results");

    @Option(names = "--name", paramLabel = "NAME", description = "Result file base name (default: calibration or calibration-quick).")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!List.of("calibration", "quantize", "simulator", "reset-zero").contains(suite)) {
            throw DataOptions.badOption("unknown benchmark suite '" + suite + "'; available: calibration, quantize, simulator, "
                    + "reset-zero");
        }
        applyQuick();
        if (suite.equals("simulator") && testImages == null) {
            testImages = 1000; // the throughput workload
        }
        List<Config> configs = selectedConfigs();
        Graph first = OnnxModels.load(modelList().get(0));
        DataExpectation expect = DataExpectation.of(first, data.preprocessing(first));
        ImageSet test = data.load("test", expect);
        if (testImages != null) {
            test = test.first(testImages);
        }
        String testSplit = data.split;
        data.split = "train";
        ImageSet train = data.load("train", expect);
        data.split = testSplit;
        String base = name != null ? name : quick ? suite + "-quick" : suite;
        Path json = outDir.resolve(base + ".json");
        Path md = outDir.resolve(base + ".md");
        PrintWriter out = spec.commandLine().getOut();
        String command = "./snnc bench " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        command = command.replace("./snnc bench bench ", "./snnc bench ");
        if (suite.equals("simulator")) {
            SimulatorBench.run(modelList(), timesteps, train, test, data, calibImages, json, md, command, out);
            return Main.EXIT_OK;
        }
        if (suite.equals("reset-zero")) {
            ResetZeroBench.run(modelList(), timesteps, train, test, data, calibImages, quick ? 32 : 128, json, md, command, out);
            return Main.EXIT_OK;
        }
        if (suite.equals("quantize")) {
            QuantizeBench.run(modelList(), timesteps, train, test, data, calibImages, quick ? 32 : 128, json, md, command, out);
            return Main.EXIT_OK;
        }
        BenchTable table = calibrationTable(command, test, train);
        for (Path modelPath : modelList()) {
            Graph ann = OnnxModels.load(modelPath);
            Preprocessing pre = data.preprocessing(ann);
            AnnEvaluator.Result annResult;
            try (FloatGraphExecutor exec = new FloatGraphExecutor(ann, threads())) {
                annResult = AnnEvaluator.evaluate(exec, test, pre, 250, i -> { });
            }
            table.add(row(ann.name(), "ANN", 0, annResult.accuracy(), 0, annResult.imagesPerSecond(), test.size(), 0), json, md);
            out.printf(Locale.ROOT, "%s ANN %.2f%%%n", ann.name(), 100 * annResult.accuracy());
            for (int t : timesteps) {
                for (Config c : configs) {
                    CalibrationOptions opt = CalibrationOptions.defaults(t, CalibrationStep.parseMethod(c.method()))
                            .withThreshold(ThresholdSpec.parse(c.threshold(), false)).withImages(calibImages, 128)
                            .withWeightTraining(iterations, 1e-4);
                    CalibratedRun run = CalibratedRun.of(ann, train, test, pre, opt);
                    double calSeconds = run.calibrationSeconds();
                    SnnEvaluator.Result r = run.floatSnn();
                    table.add(row(ann.name(), c.label(), t, r.accuracy(), calSeconds, r.imageStepsPerSecond(), test.size(),
                            r.meanFiringRate()), json, md);
                    out.printf(Locale.ROOT, "%s T=%d %s: %.2f%% (calibration %.1f s, %.0f images x T/s)%n", ann.name(), t,
                            c.label(), 100 * r.accuracy(), calSeconds, r.imageStepsPerSecond());
                    out.flush();
                }
            }
        }
        return Main.EXIT_OK;
    }

    private void applyQuick() {
        if (!quick) {
            return;
        }
        if (data.dataDir.equals(dev.snnc.frontend.data.MnistFormatDataset.DEBIAN_FASHION_MNIST)) {
            data.dataDir = Path.of(System.getProperty("snnc.home", "."), "data", "fashion-mnist-subset");
        }
        if (models == null) {
            models = List.of(Path.of(System.getProperty("snnc.home", "."), "models", "mobilenet-fashion.onnx"));
        }
        timesteps = List.of(8);
        testImages = testImages == null ? 200 : testImages;
        calibImages = Math.min(calibImages, 256);
        iterations = Math.min(iterations, 100);
    }

    private List<Config> selectedConfigs() {
        if (methods == null) {
            return CONFIGS;
        }
        List<Config> out = new ArrayList<>();
        for (String m : methods) {
            String key = m.equals("none-max") ? "none (max θ)" : m;
            out.add(CONFIGS.stream().filter(c -> c.label().equals(key)).findFirst()
                    .orElseThrow(() -> DataOptions.badOption("unknown method '" + m
                            + "'; use none-max, mse, light, advanced, advanced+weights")));
        }
        return out;
    }

    private List<Path> modelList() {
        if (models != null) {
            return models;
        }
        Path home = Path.of(System.getProperty("snnc.home", "."), "models");
        return List.of(home.resolve("mobilenet-fashion.onnx"), home.resolve("vgg-fashion.onnx"), home.resolve("resnet-fashion.onnx"));
    }

    /** Paths inside the repository are shown relative to it, so results name no machine's layout. */
    static String relative(String path) {
        String home = Path.of(System.getProperty("snnc.home", ".")).toAbsolutePath().normalize() + "/";
        return path.startsWith(home) ? path.substring(home.length()) : path;
    }

    private static int threads() {
        return Runtime.getRuntime().availableProcessors();
    }

    private static Map<String, Object> row(String model, String method, int t, double accuracy, double calSeconds,
                                           double throughput, int images, double firing) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("method", method);
        m.put("timesteps", t);
        m.put("accuracy_percent", Math.round(accuracy * 10000) / 100.0);
        m.put("test_images", images);
        m.put("calibration_seconds", Math.round(calSeconds * 10) / 10.0);
        m.put("throughput", Math.round(throughput)); // images x T per second; ANN rows: images per second
        m.put("mean_firing_rate", Math.round(firing * 10000) / 10000.0);
        return m;
    }

    private BenchTable calibrationTable(String command, ImageSet test, ImageSet train) {
        Map<String, String> header = BenchTable.header(command, test);
        header.put("calibration_data", relative(train.source()) + ", " + Math.min(calibImages, train.size()) + " images");
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("model", "model");
        columns.put("method", "method");
        columns.put("timesteps", "T");
        columns.put("accuracy_percent", "top-1 %");
        columns.put("test_images", "test images");
        columns.put("calibration_seconds", "calibration s");
        columns.put("throughput", "throughput");
        columns.put("mean_firing_rate", "mean firing rate");
        return new BenchTable("calibration", "SNN calibration benchmark", header, columns,
                "Accuracy is top-1 on the test images listed; calibration time includes thresholds; throughput is "
                        + "float SNN images x T per second on DJL/libtorch (ANN rows, T = 0: images per second).");
    }
}
