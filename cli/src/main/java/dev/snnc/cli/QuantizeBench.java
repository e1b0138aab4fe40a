package dev.snnc.cli;

import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
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
 * {@code snnc bench quantize}: per model and T, `light` calibration, the float SNN's accuracy, then
 * loihi2 (8-bit), fpga (8-bit) and fpga (4-bit), each with plain rounding and with integer
 * recalibration, simulated bit-exactly on the test images; results written after every row.
 */
final class QuantizeBench {
    /** The targets of the matrix. */
    static final List<TargetSpec> TARGETS = List.of(TargetProfiles.LOIHI2.withReset(TargetSpec.Reset.SUBTRACT),
            TargetProfiles.FPGA, TargetProfiles.FPGA.withWeightBits(4));

    private QuantizeBench() {
    }

    static void run(List<Path> models, List<Integer> timesteps, ImageSet train, ImageSet test, DataOptions data,
                    int calibImages, int recalImages, Path json, Path md, String command, PrintWriter out) throws Exception {
        Map<String, String> header = BenchTable.header(command, test);
        BenchTable table = new BenchTable("quantize", "Fixed-point benchmark", header, columns(),
                "Each model is calibrated with `light` at each T; fixed point is simulated bit-exactly (T plus the "
                        + "target's pipeline steps); recalibration uses " + recalImages + " training images.");
        for (Path modelPath : models) {
            Graph ann = OnnxModels.load(modelPath);
            Preprocessing pre = data.preprocessing(ann);
            for (int t : timesteps) {
                CalibratedRun run = CalibratedRun.light(ann, train, test, pre, t, calibImages);
                Graph snn = run.snn();
                SnnEvaluator.Result f = run.floatSnn();
                table.add(row(ann.name(), t, "float SNN", 0, -1, f.accuracy(), t, f.imageStepsPerSecond(), 0), json, md);
                out.printf(Locale.ROOT, "%s T=%d float SNN %.2f%%%n", ann.name(), t, 100 * f.accuracy());
                for (TargetSpec target : TARGETS) {
                    for (int iterations : new int[] {0, 2}) {
                        long t0 = System.nanoTime();
                        Quantizer.Result q = Quantizer.quantize(snn, t, pre, target, train,
                                new Quantizer.Options(recalImages, iterations, 0), Map.of(), i -> { });
                        double seconds = (System.nanoTime() - t0) / 1e9;
                        SimulationResult r = new FxSimulator(q.network()).run(test, i -> { });
                        table.add(row(ann.name(), t, target.id(), target.arithmetic().weightBits(), iterations, r.accuracy(),
                                r.stepsRun(), r.imageStepsPerSecond(), seconds), json, md);
                        out.printf(Locale.ROOT, "%s T=%d %s %d-bit, %d iterations: %.2f%%%n", ann.name(), t, target.id(),
                                target.arithmetic().weightBits(), iterations, 100 * r.accuracy());
                        out.flush();
                    }
                }
            }
        }
    }

    private static Map<String, Object> row(String model, int t, String target, int bits, int iterations, double accuracy,
                                           int steps, double throughput, double quantizeSeconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model);
        m.put("timesteps", t);
        m.put("target", target);
        m.put("weight_bits", bits);
        m.put("recalibration_iterations", iterations);
        m.put("accuracy_percent", Math.round(accuracy * 10000) / 100.0);
        m.put("steps", steps);
        m.put("image_steps_per_second", Math.round(throughput));
        m.put("quantize_seconds", Math.round(quantizeSeconds * 10) / 10.0);
        return m;
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("model", "model");
        c.put("timesteps", "T");
        c.put("target", "target");
        c.put("weight_bits", "bits");
        c.put("recalibration_iterations", "recal. iterations");
        c.put("accuracy_percent", "top-1 %");
        c.put("steps", "steps");
        c.put("image_steps_per_second", "images x T/s");
        c.put("quantize_seconds", "quantize s");
        return c;
    }
}
