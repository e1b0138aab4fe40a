package dev.snnc.cli;

import dev.snnc.calibration.djl.AnnEvaluator;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.calibration.convert.PhaseCopies;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snnc eval MODEL}: top-1 accuracy of the float ANN, the float SNN, or the SNN's quantized ANN, on DJL. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate top-1 accuracy on a labeled image set: an ONNX model as a float ANN, or a .snn file as a "
                + "float SNN over T steps (with per-layer firing rates), on DJL/libtorch.",
        footer = {"", "Examples (mobilenet.snn from the snnc calibrate examples):",
            "  ./snnc eval models/mobilenet-fashion.onnx --data data/fashion-mnist-subset",
            "  ./snnc eval models/mobilenet-fashion.onnx \\", "      --data data/fashion-mnist-subset --limit 500 --json",
            "  ./snnc eval mobilenet.snn --T 64 --data data/fashion-mnist-subset",
            "  ./snnc eval mobilenet.snn --quantized-ann --data data/fashion-mnist-subset"})
final class EvalCommand implements Callable<Integer> {
    @Mixin
    ModelArgument model;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Mixin
    SparkOptions spark;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per batch at most (default: ${DEFAULT-VALUE}); "
            + "a float SNN's batches hold at most 64 MiB of its largest population's state (20 images at 224x224, "
            + "docs/adr/0026).")
    int batchSize = 256;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--min-accuracy", paramLabel = "PERCENT",
            description = "Exit with code 1 if top-1 accuracy is below this percentage.")
    Double minAccuracy;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--T", paramLabel = "N", description = "Time steps for a .snn model (default: the file's).")
    Integer timesteps;

    @Option(names = "--quantized-ann", description = "For a .snn model: evaluate instead the ANN it converts with each "
            + "population's activation quantized as its neurons fire from a constant input in T steps (clipped at the "
            + "thresholds, T levels; calibrated bias corrections and initial potentials left out). The accuracy "
            + "conversion at these thresholds and T reaches without temporal error; the gap to the SNN is that error.")
    boolean quantizedAnn;

    @Override
    public Integer call() {
        data.localize(spark);
        if (CalibratedModels.recognizes(model.model)) {
            CalibratedSnn snn = CalibratedModels.read(model.model);
            return quantizedAnn ? evalQuantizedAnn(snn) : evalSnn(snn);
        }
        Graph g = model.load(); // first: a file that is neither .snn nor ONNX gets the loader's diagnostic
        if (quantizedAnn) {
            throw DataOptions.badOption("--quantized-ann needs a calibrated .snn model (its thresholds and T); "
                    + model.model + " is an ANN");
        }
        Preprocessing pre = data.preprocessing(g);
        ImageSet images = spark.enabled() ? data.checked("test", DataExpectation.of(g, pre))
                : data.load("test", DataExpectation.of(g, pre));
        AnnEvaluator.Result r;
        int partitions = spark.partitions();
        if (spark.enabled()) {
            r = ScaleOut.find().evalAnn(spark.master, ModelBytes.read(model.model), pre,
                    data.source("test", DataExpectation.of(g, pre)), batchSize, partitions);
        } else {
            try (FloatGraphExecutor exec = new FloatGraphExecutor(g, threads);
                 Progress progress = Progress.start("eval", images.size(), "img", output.showProgress())) {
                r = AnnEvaluator.evaluate(exec, images, pre, batchSize, progress.reporter());
            }
        }
        return reportAnn(g.name(), g.name(), images, pre, r, Map.of());
    }

    /** Prints an ANN evaluation ({@code extra} adds JSON keys) and applies --min-accuracy. */
    private int reportAnn(String jsonModel, String label, ImageSet images, Preprocessing pre, AnnEvaluator.Result r,
                          Map<String, Object> extra) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", jsonModel);
            m.putAll(extra);
            m.put("data", images.source());
            m.put("preprocessing", pre.format());
            m.put("images", r.images());
            m.put("correct", r.correct());
            m.put("accuracy", r.accuracy());
            m.put("seconds", r.seconds());
            m.put("images_per_second", r.imagesPerSecond());
            OutputOptions.printJson(out, m);
        } else {
            out.printf(Locale.ROOT, "%s on %s: top-1 %.2f%% (%d/%d) in %.2f s, %.0f images/s%n", label,
                    images.source(), 100 * r.accuracy(), r.correct(), r.images(), r.seconds(), r.imagesPerSecond());
        }
        return checkAccuracy(r.accuracy());
    }

    /** The quantized ANN view of a .snn file (see --quantized-ann). */
    private int evalQuantizedAnn(CalibratedSnn snn) {
        if (spark.enabled()) {
            throw DataOptions.badOption("--quantized-ann runs locally; leave out --spark");
        }
        int t = timestepsFor(snn);
        requireQuantizableView(snn.graph());
        Preprocessing pre = data.stored(snn.graph(), model.model.toString());
        ImageSet images = data.load("test", DataExpectation.of(snn.graph(), pre));
        AnnEvaluator.Result r;
        try (FloatGraphExecutor exec = FloatGraphExecutor.quantizedAnn(snn.graph(), t, threads);
             Progress progress = Progress.start("eval", images.size(), "img", output.showProgress())) {
            r = AnnEvaluator.evaluate(exec, images, pre, batchSize, progress.reporter());
        }
        String label = String.format(Locale.ROOT, "%s (quantized ANN, T=%d)", model.model, t);
        Map<String, Object> view = new LinkedHashMap<>(); // insertion order: JSON keys stay in one order across runs
        view.put("view", "quantized-ann");
        view.put("timesteps", t);
        return reportAnn(model.model.toString(), label, images, pre, r, view);
    }

    /** --T, or the file's T when it is not given; at least 1. */
    private int timestepsFor(CalibratedSnn snn) {
        int t = timesteps != null ? timesteps : snn.timesteps();
        if (t < 1) {
            throw DataOptions.badOption("--T must be at least 1, got " + t);
        }
        return t;
    }

    /** The view models unsplit subtractive populations; refuses what it would misstate. */
    private void requireQuantizableView(Graph snn) {
        int copies = PhaseCopies.of(snn);
        if (copies > 1) {
            throw DataOptions.badOption("--quantized-ann: " + model.model + " splits every channel into " + copies
                    + " phase copies whose staggered starting potentials the view does not model");
        }
        for (Node n : snn.nodes()) {
            if (n.op() instanceof IfNeuron f && f.model().reset() != NeuronModel.Reset.SUBTRACT) {
                throw DataOptions.badOption("--quantized-ann models subtractive neurons; population '" + n.name()
                        + "' of " + model.model + " resets to zero");
            }
        }
    }

    private int checkAccuracy(double accuracy) {
        if (minAccuracy != null && 100 * accuracy < minAccuracy) {
            spec.commandLine().getErr().printf(Locale.ROOT, "accuracy check failed: %.2f%% < --min-accuracy %.2f%%%n",
                    100 * accuracy, minAccuracy);
            return Main.EXIT_CHECK_FAILED;
        }
        return Main.EXIT_OK;
    }

    /** Float SNN accuracy and per-population firing rates of a calibrated .snn file. */
    private int evalSnn(CalibratedSnn snn) {
        int t = timestepsFor(snn);
        Preprocessing pre = data.stored(snn.graph(), model.model.toString());
        ImageSet images = spark.enabled() ? data.checked("test", DataExpectation.of(snn.graph(), pre))
                : data.load("test", DataExpectation.of(snn.graph(), pre));
        SnnEvaluator.Result r;
        int partitions = spark.partitions();
        if (spark.enabled()) {
            r = ScaleOut.find().evalSnn(spark.master, dev.snnc.formats.SnnFile.toBytes(snn), pre, t,
                    data.source("test", DataExpectation.of(snn.graph(), pre)), batchSize, partitions);
        } else {
            try (FloatSnnExecutor exec = new FloatSnnExecutor(snn.graph(), threads);
                 Progress progress = Progress.start("snn eval", images.size(), "img", output.showProgress())) {
                r = SnnEvaluator.evaluate(exec, images, pre, t, snn.encoding(), batchSize, progress.reporter());
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.model.toString());
            m.put("data", images.source());
            m.put("timesteps", t);
            m.put("images", r.images());
            m.put("correct", r.correct());
            m.put("accuracy", r.accuracy());
            m.put("seconds", r.seconds());
            m.put("image_steps_per_second", r.imageStepsPerSecond());
            m.put("mean_firing_rate", r.meanFiringRate());
            m.put("firing_rates", r.firingRates());
            OutputOptions.printJson(out, m);
        } else {
            out.printf(Locale.ROOT, "%s (float SNN, T=%d) on %s: top-1 %.2f%% (%d/%d) in %.1f s, %.0f images x T/s%n",
                    model.model, t, images.source(), 100 * r.accuracy(), r.correct(), r.images(), r.seconds(),
                    r.imageStepsPerSecond());
            out.println("firing rate (spikes per neuron per step):");
            r.firingRates().forEach((name, rate) -> out.printf(Locale.ROOT, "  %-12s %.4f%n", name, rate));
        }
        return checkAccuracy(r.accuracy());
    }
}
