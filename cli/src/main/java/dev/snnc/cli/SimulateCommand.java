package dev.snnc.cli;

import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.calibration.io.CalibratedSnn;
import dev.snnc.calibration.io.SnnFile;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.quantize.IdealMapper;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SimulationResult;
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
 * {@code snnc simulate MODEL.snn}: bit-exact integer simulation. For now the model is a calibrated
 * .snn mapped onto the wide-integer {@code ideal} profile; target quantization (loihi2, loihi1,
 * fpga) and fixed-point files come with the quantize issue.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulate a calibrated SNN bit-exactly in integers (event-driven, all cores): accuracy, spikes, "
                + "synaptic operations. Currently maps a .snn file onto the wide-integer 'ideal' profile.",
        footer = {"", "Examples:", "  ./snnc simulate mobilenet.snn --data data/fashion-mnist-subset --compare-float",
            "  ./snnc simulate mobilenet.snn --limit 1000 --json"})
final class SimulateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A calibrated .snn file.")
    Path model;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Option(names = "--T", paramLabel = "N", description = "Time steps (default: the file's).")
    Integer timesteps;

    @Option(names = "--target", paramLabel = "ideal", description = "Target profile (default: ${DEFAULT-VALUE}; "
            + "loihi2/loihi1/fpga need the quantizer, not built yet).")
    String target = "ideal";

    @Option(names = "--scale-bits", paramLabel = "N", description = "Ideal profile scale 2^N (default: ${DEFAULT-VALUE}).")
    int scaleBits = 20;

    @Option(names = "--compare-float", description = "Also run the float SNN on DJL and report prediction agreement.")
    boolean compareFloat;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!target.equals("ideal")) {
            throw DataOptions.badOption("--target " + target + " needs the quantizer (not built yet); use --target ideal");
        }
        if (scaleBits < 4 || scaleBits > 24) {
            throw DataOptions.badOption("--scale-bits must be in 4..24, got " + scaleBits);
        }
        CalibratedSnn snn = SnnFile.read(model);
        int t = timesteps != null ? timesteps : snn.timesteps();
        if (t < 1) {
            throw DataOptions.badOption("--T must be at least 1, got " + t);
        }
        LabeledImages images = data.load("test");
        Preprocessing pre = data.preprocessing(snn.graph());
        FxNetwork fx = IdealMapper.map(snn.graph().toBuilder().preprocessing(pre).build(), t, scaleBits);
        SimulationResult r;
        try (Progress progress = Progress.start("simulate", images.size(), "img", output.showProgress())) {
            r = new FxSimulator(fx).run(images, t, progress.reporter());
        }
        Double agreement = null;
        Double floatAccuracy = null;
        Double floatStepsPerSecond = null;
        if (compareFloat) {
            SnnEvaluator.Result f;
            try (FloatSnnExecutor exec = new FloatSnnExecutor(snn.graph(), Runtime.getRuntime().availableProcessors());
                 Progress progress = Progress.start("float snn", images.size(), "img", output.showProgress())) {
                f = SnnEvaluator.evaluate(exec, images, pre, t, snn.encoding(), 250, progress.reporter());
            }
            int same = 0;
            for (int i = 0; i < images.size(); i++) {
                same += f.predictions()[i] == r.predictions()[i] ? 1 : 0;
            }
            agreement = (double) same / images.size();
            floatAccuracy = f.accuracy();
            floatStepsPerSecond = f.imageStepsPerSecond();
        }
        print(r, t, images, floatAccuracy, agreement, floatStepsPerSecond);
        return Main.EXIT_OK;
    }

    private void print(SimulationResult r, int t, LabeledImages images, Double floatAccuracy, Double agreement,
                       Double floatStepsPerSecond) {
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.toString());
            m.put("target", target);
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
            m.put("seconds", r.seconds());
            m.put("synaptic_ops_per_second", r.synapticOpsPerSecond());
            m.put("image_steps_per_second", r.imageStepsPerSecond());
            m.put("spikes", r.spikes());
            m.put("firing_rates", r.firingRates());
            OutputOptions.printJson(out, m);
            return;
        }
        out.printf(Locale.ROOT, "%s (%s, T=%d, %d steps) on %s: top-1 %.2f%% (%d/%d) in %.1f s, %.3g synaptic ops/s, "
                        + "%.0f images x T/s%n", model, target, t, r.stepsRun(), images.source(), 100 * r.accuracy(),
                r.correct(), r.images(), r.seconds(), r.synapticOpsPerSecond(), r.imageStepsPerSecond());
        if (agreement != null) {
            out.printf(Locale.ROOT, "float SNN top-1 %.2f%% (%.0f images x T/s on DJL); predictions agree on %.2f%% of images%n",
                    100 * floatAccuracy, floatStepsPerSecond, 100 * agreement);
        }
        out.println("firing rate (spikes per neuron per step):");
        r.firingRates().forEach((name, rate) -> out.printf(Locale.ROOT, "  %-12s %.4f%n", name, rate));
    }
}
