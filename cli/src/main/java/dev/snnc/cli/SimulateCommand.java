package dev.snnc.cli;

import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.quantize.Quantizer;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SimulationResult;
import dev.snnc.simulator.EnergyEstimate;
import dev.snnc.formats.FxFile;
import dev.snnc.simulator.SpikeRecording;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code snnc simulate MODEL}: bit-exact integer simulation of a fixed-point model (.fx, from
 * {@code snnc quantize}) or of a calibrated .snn mapped onto the wide-integer {@code ideal} profile.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a fixed-point SNN bit-exactly (event-driven, all cores): accuracy, spikes, synaptic "
                + "operations. MODEL is a .fx file, a Loihi netlist.json or an FPGA parameter directory (simulated for its "
                + "target), or a .snn file run on the wide-integer 'ideal' profile.",
        footer = {"", "Examples (the files come from the snnc calibrate, quantize and compile examples):",
            "  ./snnc simulate mobilenet-loihi2.fx --data data/fashion-mnist-subset",
            "  ./snnc simulate mobilenet-loihi2.fx --compare-float mobilenet.snn \\", "      --limit 1000 --json --data data/fashion-mnist-subset",
            "  ./snnc simulate mobilenet.snn --compare-float \\", "      --data data/fashion-mnist-subset",
            "  ./snnc simulate out/fpga --limit 100 --data data/fashion-mnist-subset"})
final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A fixed-point .fx file, a Loihi netlist.json or an "
            + "FPGA parameter directory from snnc compile, or a calibrated .snn file.")
    Path model;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Mixin
    SparkOptions spark;

    @Option(names = "--T", paramLabel = "N", description = "Time steps (default: the file's).")
    Integer timesteps;

    @Option(names = "--scale-bits", paramLabel = "N", description = "Scale 2^N of the ideal profile for a .snn model "
            + "(default: ${DEFAULT-VALUE}).")
    int scaleBits = Quantizer.IDEAL_SCALE_BITS;

    @Option(names = "--compare-float", arity = "0..1", fallbackValue = "", paramLabel = "SNN",
            description = "Also run the float SNN on DJL (MODEL itself if it is a .snn, else the given .snn) and report "
                    + "prediction agreement.")
    String compareFloat;

    @Option(names = "--dump", split = ",", paramLabel = "I", description = "Image indexes (within the selected data) "
            + "whose spikes and u/v traces to write to --dump-file.")
    java.util.List<Integer> dump;

    @Option(names = "--dump-file", paramLabel = "FILE", description = "Where --dump writes (default: ${DEFAULT-VALUE}).")
    Path dumpFile = Path.of("spikes.json");

    @Option(names = "--trace-neurons", paramLabel = "N", description = "Neurons per population whose u and v are "
            + "traced in the dump, from flat index 0 (default: ${DEFAULT-VALUE}).")
    int traceNeurons = 8;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        data.localize(spark);
        if (scaleBits < 4 || scaleBits > 24) {
            throw DataOptions.badOption("--scale-bits must be in 4..24, got " + scaleBits);
        }
        if (timesteps != null && (timesteps < 1 || timesteps > dev.snnc.ir.fx.FxLimits.MAX_TIMESTEPS)) {
            throw DataOptions.badOption("--T must be in 1.." + dev.snnc.ir.fx.FxLimits.MAX_TIMESTEPS + " (limit "
                    + "snnc.limit.timesteps), got " + timesteps);
        }
        FxNetwork fx = FixedPointModels.readIfFixedPoint(model).orElse(null);
        boolean fixedPoint = fx != null;
        CalibratedSnn snn = fixedPoint ? null : CalibratedModels.read(model);
        CalibratedSnn reference = compareFloat == null ? null
                : compareFloat.isEmpty() ? snn : CalibratedModels.read(Path.of(compareFloat));
        if (compareFloat != null && reference == null) {
            throw DataOptions.badOption("--compare-float needs the .snn file the .fx came from: --compare-float FILE.snn");
        }
        int t = timesteps != null ? timesteps : fixedPoint ? fx.timesteps() : snn.timesteps();
        if (fixedPoint) {
            data.refuseOverrides(model + " is fixed point: its first layer reads raw pixel bytes with the preprocessing "
                    + "folded in");
        }
        DataExpectation expected = fixedPoint ? DataExpectation.of(fx)
                : DataExpectation.of(snn.graph(), data.stored(snn.graph(), model.toString()));
        // with --spark the executors read the pixels; here the set is only checked and counted
        ImageSet images = spark.enabled() ? data.checked("test", expected) : data.load("test", expected);
        if (!fixedPoint) {
            fx = Quantizer.ideal(snn.graph(), t, data.stored(snn.graph(), model.toString()),
                    snn.encoding() == dev.snnc.ir.InputEncoding.RATE, scaleBits, snn.provenance());
        }
        fx = fx.withTimesteps(t);
        if (dump != null) {
            for (int i : dump) {
                if (i < 0 || i >= images.size()) {
                    throw DataOptions.badOption("--dump index " + i + " is outside the " + images.size() + " selected images");
                }
            }
            if (traceNeurons < 0) {
                throw DataOptions.badOption("--trace-neurons must be >= 0, got " + traceNeurons);
            }
        }
        int partitions = spark.partitions();
        if (spark.enabled() && (dump != null || reference != null)) {
            throw DataOptions.badOption("--spark runs the simulation only; --dump and --compare-float run on one machine");
        }
        FxSimulator sim = new FxSimulator(fx);
        SimulationResult r;
        if (spark.enabled()) {
            r = ScaleOut.find().simulate(spark.master, FxFile.toBytes(fx), data.source("test", DataExpectation.of(fx)),
                    partitions);
        } else {
            try (Progress progress = Progress.start("simulate", images.size(), "img", output.showProgress())) {
                r = sim.run(images, progress.reporter());
            }
        }
        if (dump != null) {
            SpikeRecording.write(sim, images, dump, traceNeurons, dumpFile);
        }
        FloatComparison cmp = reference == null ? null : FloatComparison.run(reference, images,
                reference.graph().preprocessing().orElse(Preprocessing.UNIT_SCALE), t, r.predictions(),
                output.showProgress());
        print(r, fx, images, cmp);
        return Main.EXIT_OK;
    }

    /** The float SNN on the same images: its accuracy, speed, and agreement with the integer predictions. */
    record FloatComparison(double accuracy, double agreement, double imageStepsPerSecond) {
        static FloatComparison run(CalibratedSnn snn, ImageSet images, Preprocessing pre, int t, int[] predictions,
                                   boolean showProgress) {
            SnnEvaluator.Result f;
            try (FloatSnnExecutor exec = new FloatSnnExecutor(snn.graph(), Runtime.getRuntime().availableProcessors());
                 Progress progress = Progress.start("float snn", images.size(), "img", showProgress)) {
                f = SnnEvaluator.evaluate(exec, images, pre, t, snn.encoding(), 250, progress.reporter());
            }
            int same = 0;
            for (int i = 0; i < images.size(); i++) {
                same += f.predictions()[i] == predictions[i] ? 1 : 0;
            }
            return new FloatComparison(f.accuracy(), (double) same / images.size(), f.imageStepsPerSecond());
        }
    }

    private void print(SimulationResult r, FxNetwork fx, ImageSet images, FloatComparison cmp) {
        int t = fx.timesteps();
        String target = fx.target().id();
        Double floatAccuracy = cmp == null ? null : cmp.accuracy();
        Double agreement = cmp == null ? null : cmp.agreement();
        Double floatStepsPerSecond = cmp == null ? null : cmp.imageStepsPerSecond();
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.toString());
            m.put("target", target);
            m.put("input_encoding", encoding(fx));
            m.put("data", images.source());
            m.put("timesteps", t);
            m.put("steps_run", r.stepsRun());
            m.put("images", r.images());
            m.put("correct", r.correct());
            m.put("accuracy", r.accuracy());
            m.put("float_snn_accuracy", floatAccuracy);
            m.put("prediction_agreement", agreement);
            m.put("float_snn_image_steps_per_second", floatStepsPerSecond);
            m.put("synaptic_ops", r.synapticOps());
            m.put("neuron_updates", r.neuronUpdates());
            m.put("saturated_currents", r.saturatedCurrents());
            m.put("energy", EnergyEstimate.of(r, fx.target()).orElse(null));
            m.put("dump_file", dump == null ? null : dumpFile.toString());
            m.put("seconds", r.seconds());
            m.put("synaptic_ops_per_second", r.synapticOpsPerSecond());
            m.put("image_steps_per_second", r.imageStepsPerSecond());
            m.put("spikes", r.spikes());
            m.put("firing_rates", r.firingRates());
            OutputOptions.printJson(out, m);
            return;
        }
        out.printf(Locale.ROOT, "%s (%s, %s input, T=%d, %d steps) on %s: top-1 %.2f%% (%d/%d) in %.1f s, %.3g synaptic "
                        + "ops/s, %.0f images x T/s%n", model, target, encoding(fx), t, r.stepsRun(), images.source(), 100 * r.accuracy(),
                r.correct(), r.images(), r.seconds(), r.synapticOpsPerSecond(), r.imageStepsPerSecond());
        if (agreement != null) {
            out.printf(Locale.ROOT, "float SNN top-1 %.2f%% (%.0f images x T/s on DJL); predictions agree on %.2f%% of images%n",
                    100 * floatAccuracy, floatStepsPerSecond, 100 * agreement);
        }
        EnergyEstimate.of(r, fx.target()).ifPresent(e -> out.printf(Locale.ROOT,
                "per image: %.3g synaptic ops, %.3g neuron updates, %.3g spikes; energy estimate %.2f uJ (%s)%n",
                e.synapticOpsPerImage(), e.neuronUpdatesPerImage(), e.spikesPerImage(), e.microjoulesPerImage(), e.source()));
        if (r.saturatedCurrents() > 0) {
            out.printf(Locale.ROOT, "warning: %d neuron currents saturated the target's bias range (summed over images)%n",
                    r.saturatedCurrents());
        }
        if (dump != null) {
            out.println("spikes and traces of images " + dump + " written to " + dumpFile);
        }
        out.println("firing rate (spikes per neuron per step):");
        r.firingRates().forEach((name, rate) -> out.printf(Locale.ROOT, "  %-12s %.4f%n", name, rate));
    }

    /** {@code analog} or {@code rate} (see {@link dev.snnc.ir.fx.FxInputEncoding}). */
    private static String encoding(FxNetwork fx) {
        return fx.inputEncoding().kind().name().toLowerCase(Locale.ROOT);
    }
}
