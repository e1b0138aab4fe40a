package dev.snnc.cli;

import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
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
 * {@code snnc bench simulator}: per model and T, `light` calibration, then the same test images
 * run by the float SNN on DJL and by the integer simulator under the ideal profile and the
 * loihi2 and fpga 8-bit profiles (plain rounding: throughput, not accuracy, is measured here).
 * Gives synaptic operations per second, images x T per second, and how they grow with T and with
 * the size of the network (neurons, synapses).
 */
final class SimulatorBench {
    private static final Map<String, String> COLUMNS = columns();
    /** The wide reference and the targets as `compile` builds them by default (loihi2: subtractive LIF). */
    private static final List<TargetSpec> TARGETS = List.of(TargetProfiles.IDEAL,
            TargetOption.withReset(TargetProfiles.LOIHI2, "subtract"), TargetProfiles.FPGA);

    private SimulatorBench() {
    }

    static void run(List<Path> models, List<Integer> timesteps, ImageSet train, ImageSet test, DataOptions data,
                    int calibImages, Path json, Path md, String command, PrintWriter out) throws Exception {
        Map<String, String> header = BenchTable.header(command, test);
        BenchTable table = new BenchTable("simulator", "Simulator throughput", header, COLUMNS,
                "Each model is calibrated with `light` (mse thresholds, " + calibImages + " images) at each T. "
                        + "Float SNN: DJL/libtorch, batched, dense. Integer rows: the event-driven simulator on all cores, "
                        + "plain rounding (no recalibration), T plus the target's pipeline steps; loihi2 with `compile`'s default subtractive LIF. Synaptic operations count "
                        + "one per weight added; neurons and synapses are per image (synapses: weights x output positions).");
        for (Path modelPath : models) {
            Graph ann = OnnxModels.load(modelPath);
            Preprocessing pre = data.preprocessing(ann);
            for (int t : timesteps) {
                CalibratedRun run = CalibratedRun.light(ann, train, test, pre, t, calibImages);
                Graph snn = run.snn();
                SnnEvaluator.Result f = run.floatSnn();
                FxNetwork ideal = Quantizer.ideal(snn, t, pre, false, Quantizer.IDEAL_SCALE_BITS, Map.of());
                Map<String, Object> floatRow = base(ann.name(), t, "float SNN (DJL)", ideal);
                floatRow.put("accuracy_percent", percent(f.accuracy()));
                floatRow.put("steps", t);
                floatRow.put("image_steps_per_second", Math.round(f.imageStepsPerSecond()));
                table.add(floatRow, json, md);
                out.printf(Locale.ROOT, "%s T=%d float SNN: %.0f images x T/s%n", ann.name(), t, f.imageStepsPerSecond());
                for (TargetSpec target : TARGETS) {
                    FxNetwork fx = target == TargetProfiles.IDEAL ? ideal
                            : Quantizer.quantize(snn, t, pre, target, train, new Quantizer.Options(32, 0, 0), Map.of(), i -> { })
                                    .network();
                    SimulationResult r = new FxSimulator(fx).run(test, i -> { });
                    Map<String, Object> row = base(ann.name(), t, target.id(), fx);
                    row.put("accuracy_percent", percent(r.accuracy()));
                    row.put("steps", r.stepsRun());
                    row.put("synaptic_ops_per_image", (double) r.synapticOps() / r.images());
                    row.put("synaptic_ops_per_second", r.synapticOpsPerSecond());
                    row.put("image_steps_per_second", Math.round(r.imageStepsPerSecond()));
                    row.put("mean_firing_rate", Math.round(meanRate(r) * 10000) / 10000.0);
                    table.add(row, json, md);
                    out.printf(Locale.ROOT, "%s T=%d %s: %.3g synaptic ops/s, %.0f images x T/s%n", ann.name(), t, target.id(),
                            r.synapticOpsPerSecond(), r.imageStepsPerSecond());
                    out.flush();
                }
            }
        }
    }

    private static Map<String, Object> base(String model, int t, String engine, FxNetwork size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("timesteps", t);
        m.put("engine", engine);
        m.put("neurons", neurons(size));
        m.put("synapses", synapses(size));
        return m;
    }

    private static long neurons(FxNetwork net) {
        return net.populations().stream().mapToLong(p -> p.shape().size()).sum();
    }

    /** Synapses per image: each weight once per output position it is applied at (conv), once otherwise. */
    private static long synapses(FxNetwork net) {
        long total = 0;
        for (FxPopulation p : net.populations()) {
            for (dev.snnc.ir.fx.FxSynapses s : p.inputs()) {
                long w = s.weightCount();
                total += s.kind() == dev.snnc.ir.fx.FxSynapses.Kind.CONV ? w * (p.shape().size() / p.shape().dim(0))
                        : s.kind() == dev.snnc.ir.fx.FxSynapses.Kind.IDENTITY ? p.shape().size() : w;
            }
        }
        for (dev.snnc.ir.fx.FxSynapses s : net.readout().inputs()) {
            total += s.weightCount();
        }
        return total;
    }

    /** Spikes per neuron per step over the whole network (spike totals include the pipeline steps). */
    private static double meanRate(SimulationResult r) {
        long spikes = r.spikes().values().stream().mapToLong(Long::longValue).sum();
        return (double) spikes / Math.max(1, r.neuronUpdates());
    }

    private static double percent(double accuracy) {
        return Math.round(accuracy * 10000) / 100.0;
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("model", "model");
        c.put("timesteps", "T");
        c.put("engine", "engine");
        c.put("neurons", "neurons");
        c.put("synapses", "synapses");
        c.put("steps", "steps");
        c.put("accuracy_percent", "top-1 %");
        c.put("mean_firing_rate", "spikes per neuron-step");
        c.put("synaptic_ops_per_image", "synaptic ops per image");
        c.put("synaptic_ops_per_second", "synaptic ops/s");
        c.put("image_steps_per_second", "images x T/s");
        return c;
    }
}
