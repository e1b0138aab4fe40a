package dev.snnc.cli;

import dev.snnc.calibration.calib.CalibrationOptions;
import dev.snnc.calibration.calib.CalibrationStep;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.calibration.threshold.ThresholdSpec;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Graph;
import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.quantize.Quantizer;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SimulationResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code snnc bench reset-zero}: what stock reset-to-zero neurons cost, per model and T, side by
 * side in one run: the float SNN with subtractive reset (the reference), with reset to zero firing
 * at θ (the naive conversion) and with the calibrated fire ratio (ADR 0020), then the last one in
 * fixed point for stock Loihi 2 LIF and for lava-dl netx, simulated bit-exactly. All `light`.
 */
final class ResetZeroBench {
    private static final NeuronModel ZERO = new NeuronModel(NeuronModel.Reset.ZERO, NeuronModel.Comparison.GREATER, true);

    private ResetZeroBench() {
    }

    static void run(List<Path> models, List<Integer> timesteps, ImageSet train, ImageSet test, DataOptions data,
                    int calibImages, int recalImages, Path json, Path md, String command, PrintWriter out) throws Exception {
        BenchTable table = new BenchTable("reset-zero", "Reset to zero: accuracy against the subtractive reference",
                BenchTable.header(command, test), columns(),
                "All rows `light` with mse thresholds on " + calibImages + " training images. Float rows run the float SNN "
                        + "(DJL); loihi2 (stock LIF, reset to zero, one vth per layer, 8-bit) and netx rows are the "
                        + "fire-ratio model in fixed point with integer recalibration (2 iterations, " + recalImages
                        + " images), simulated bit-exactly for T plus the pipeline steps.");
        for (Path modelPath : models) {
            Graph ann = OnnxModels.load(modelPath);
            Preprocessing pre = data.preprocessing(ann);
            for (int t : timesteps) {
                CalibrationOptions light = CalibrationOptions.defaults(t, CalibrationStep.parseMethod("light"))
                        .withImages(calibImages, 128);
                floatRow(table, json, md, out, ann, t, "float, subtract (reference)",
                        CalibratedRun.of(ann, train, test, pre, light));
                CalibrationOptions zero = light.withNeuron(ZERO, InputEncoding.ANALOG);
                floatRow(table, json, md, out, ann, t, "float, zero, fires at θ",
                        CalibratedRun.of(ann, train, test, pre, zero.withThreshold(ThresholdSpec.mse().withFireRatio(1))));
                CalibratedRun calibrated = CalibratedRun.of(ann, train, test, pre, zero);
                floatRow(table, json, md, out, ann, t, "float, zero, fire ratio", calibrated);
                TargetSpec netx = dev.snnc.ir.backend.Backends.installed().target("netx", false).orElseThrow();
                for (TargetSpec target : List.of(TargetProfiles.LOIHI2.withReset(TargetSpec.Reset.ZERO), netx)) {
                    Quantizer.Result q = Quantizer.quantize(calibrated.snn(), t, pre, target, train,
                            new Quantizer.Options(recalImages, Quantizer.Options.defaultIterations(target), 0), Map.of(), i -> { });
                    java.util.Optional<String> refusal = refusal(q.network());
                    if (refusal.isPresent()) {
                        out.printf(Locale.ROOT, "%s T=%d %s: not expressible, no row (%s)%n", ann.name(), t, target.id(),
                                refusal.get());
                        continue;
                    }
                    SimulationResult r = new FxSimulator(q.network()).run(test, i -> { });
                    table.add(row(ann.name(), t, target.id() + " stock LIF, fixed point", r.accuracy(), r.stepsRun(), 0),
                            json, md);
                    out.printf(Locale.ROOT, "%s T=%d %s: %.2f%%%n", ann.name(), t, target.id(), 100 * r.accuracy());
                    out.flush();
                }
            }
        }
    }

    /** Why the target's backend cannot emit {@code net} (e.g. netx and residual sums), if it cannot. */
    private static java.util.Optional<String> refusal(dev.snnc.ir.fx.FxNetwork net) {
        try {
            dev.snnc.ir.backend.BackendDriver.legalize(dev.snnc.ir.backend.Backends.installed().forTarget(net.target()), net,
                    dev.snnc.ir.backend.BackendOptions.none());
            return java.util.Optional.empty();
        } catch (dev.snnc.ir.diag.SnncException e) {
            return java.util.Optional.of(e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static void floatRow(BenchTable table, Path json, Path md, PrintWriter out, Graph ann, int t, String variant,
                                 CalibratedRun run) throws Exception {
        SnnEvaluator.Result f = run.floatSnn();
        table.add(row(ann.name(), t, variant, f.accuracy(), t, run.calibrationSeconds()), json, md);
        out.printf(Locale.ROOT, "%s T=%d %s: %.2f%%%n", ann.name(), t, variant, 100 * f.accuracy());
        out.flush();
    }

    private static Map<String, Object> row(String model, int t, String variant, double accuracy, int steps,
                                           double calibrationSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("timesteps", t);
        m.put("variant", variant);
        m.put("accuracy_percent", Math.round(accuracy * 10000) / 100.0);
        m.put("steps", steps);
        m.put("calibration_seconds", Math.round(calibrationSeconds * 10) / 10.0);
        return m;
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("model", "model");
        c.put("timesteps", "T");
        c.put("variant", "variant");
        c.put("accuracy_percent", "top-1 %");
        c.put("steps", "steps");
        c.put("calibration_seconds", "calibration s");
        return c;
    }
}
