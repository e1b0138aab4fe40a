package dev.snnc.cli;

import dev.snnc.calibration.calib.CalibrationStep;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.target.TargetSpec;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code snnc compile [MODEL.onnx]}: settings from the command line, the pipeline, the summary and the reports. */
final class CompileMain {
    private final CompileCommand c;

    CompileMain(CompileCommand c) {
        this.c = c;
    }

    /** Phase copies are refused before any data is read where they could not run: out of range, Spark, no starting potentials. */
    private void refuseCopiesWhereUnusable(TargetSpec target) {
        PhaseCopiesOption.refuseEarly(c.phaseCopies, c.spark);
        if (c.phaseCopies != 1 && !target.choices().initialPotentials()) {
            throw DataOptions.badOption("--phase-copies " + c.phaseCopies + " starts the copies at staggered potentials; "
                    + "target " + target.id() + " starts every neuron at 0 (its files have no field for it); use loihi2, "
                    + "or drop --phase-copies");
        }
    }

    int run() {
        Path home = Path.of(System.getProperty("snnc.home", "."));
        Path model = c.model != null ? c.model : home.resolve("models").resolve("mobilenet-fashion.onnx");
        if (c.model == null && c.data.dataDir.equals(MnistFormatDataset.DEBIAN_FASHION_MNIST)) {
            c.data.dataDir = home.resolve("data").resolve("fashion-mnist-subset"); // the bundled model with the bundled data
        }
        c.data.localize(c.spark);
        c.data.refuseLimit("--calib-images and --eval-images");
        TargetSpec chosen = TargetOption.parse(c.target, c.fixedPoint.weightBits);
        TargetSpec target = TargetOption.withReset(chosen, c.reset != null ? c.reset : TargetOption.defaultReset(chosen));
        Set<CalibrationStep> method;
        try {
            method = CalibrationStep.parseMethod(c.method);
        } catch (IllegalArgumentException e) {
            throw DataOptions.badOption(e.getMessage());
        }
        refuseCopiesWhereUnusable(target);
        int iterations = c.fixedPoint.iterationsFor(target);
        if (c.timesteps < 1 || c.calibImages < 1 || c.recalImages < 1 || iterations < 0 || c.evalImages < 1
                || c.fixedPoint.thresholdGroups < 1) {
            throw DataOptions.badOption("--T, --calib-images, --recal-images, --eval-images and --threshold-groups must be "
                    + "positive, --iterations >= 0");
        }
        String name = model.getFileName().toString().replaceFirst("\\.onnx$", "");
        Path out = c.out != null ? c.out : Path.of("out", name + "-" + target.id());
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw DataOptions.badOption("output " + out + " exists and is not a directory");
        }
        dev.snnc.ir.io.AtomicOutput.removeStaleTemporaries(out);
        CompilePipeline.Settings s = new CompilePipeline.Settings(model, out, target, c.timesteps, method, c.calibImages,
                c.recalImages, iterations, c.fixedPoint.thresholdGroups, c.evalImages, c.phaseCopies, c.seed, c.backendOptions(), c.resume, c.fixedPoint.allowOverflow,
                c.output.showProgress(), c.spark.master, c.spark.partitions());
        long t0 = System.nanoTime();
        CompilePipeline p = new CompilePipeline(s, c.data);
        Map<String, byte[]> files = p.run();
        double total = (System.nanoTime() - t0) / 1e9;
        String text = summary(s, p, total);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.toString());
        json.put("output", out.toString());
        json.put("target", target.id());
        json.put("timesteps", c.timesteps);
        json.put("method", CalibrationStep.methodName(method));
        json.put("steps", CalibrationStep.describe(method));
        if (c.phaseCopies > 1) {
            json.put("phase_copies", c.phaseCopies);
        }
        json.put("summary", p.summary);
        json.put("stages", p.stages());
        json.put("total_seconds", total);
        json.put("details", p.details);
        p.write(files, CompilePipeline.utf8(OutputOptions.toJson(json)), CompilePipeline.utf8(html(s, p, name)),
                CompilePipeline.utf8(text));
        PrintWriter o = c.spec.commandLine().getOut();
        if (c.output.json) {
            OutputOptions.printJson(o, json);
        } else {
            o.print(text);
        }
        return Main.EXIT_OK;
    }

    private static String summary(CompilePipeline.Settings s, CompilePipeline p, double total) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "snnc compile %s -> %s (T=%d) in %s%n", s.model().getFileName(), s.target().id(),
                s.timesteps(), s.out()));
        b.append(String.format(Locale.ROOT, "%-20s %8s %9s  %s%n", "stage", "seconds", "peak MiB", "result"));
        for (CompilePipeline.Stage st : p.stages()) {
            b.append(String.format(Locale.ROOT, "%-20s %8.1f %9s  %s%n", st.name(), st.seconds(), mib(st), st.result()));
        }
        b.append(String.format(Locale.ROOT, "%-20s %8.1f%n", "total", total));
        CompileSummary m = p.summary;
        b.append(String.format(Locale.ROOT, "accuracy on %d test images: ANN %s, float SNN %s, fixed point %s "
                        + "(agrees with the ANN on %s)%n", m.evalImages(), pct(m.annAccuracy()), pct(m.floatSnnAccuracy()),
                pct(m.fixedPointAccuracy()), pct(m.agreementWithAnn())));
        b.append(String.format(Locale.ROOT, "resources: %s; %d steps per inference", p.backendReport.headline(),
                m.stepsPerInference()));
        if (m.energyMicrojoulesPerImage() != null) {
            b.append(String.format(Locale.ROOT, "; energy %.0f uJ per image (estimate)", m.energyMicrojoulesPerImage()));
        }
        b.append(String.format(Locale.ROOT, "%nwrote %s: report.txt, report.json, report.html, model.snn, model.fx and the "
                + "%s artifacts%n", s.out(), s.target().id()));
        return b.toString();
    }

    /** A stage's peak resident memory, or "-" where the platform cannot measure it. */
    private static String mib(CompilePipeline.Stage st) {
        return st.peakRssMib() == null ? "-" : String.format(Locale.ROOT, "%.0f", st.peakRssMib());
    }

    private static String pct(Object v) {
        return v instanceof Double d ? CompilePipeline.pct(d) : "-";
    }

    @SuppressWarnings("unchecked")
    private static String html(CompilePipeline.Settings s, CompilePipeline p, String name) {
        ReportHtml r = new ReportHtml("snnc: " + name + " for " + s.target().id());
        CompileSummary m = p.summary;
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ANN accuracy", pct(m.annAccuracy())));
        rows.add(List.of("float SNN accuracy (T=" + s.timesteps() + ")", pct(m.floatSnnAccuracy())));
        rows.add(List.of("fixed-point accuracy (bit-exact simulation)", pct(m.fixedPointAccuracy())));
        rows.add(List.of("agreement with the ANN's predictions", pct(m.agreementWithAnn())));
        rows.add(List.of("test images", String.valueOf(m.evalImages())));
        rows.add(List.of("steps per inference", String.valueOf(m.stepsPerInference())));
        if (m.energyMicrojoulesPerImage() != null) {
            rows.add(List.of("energy uj per image", String.format(Locale.ROOT, "%.1f", m.energyMicrojoulesPerImage())));
        }
        m.backendFigures().forEach((k, v) -> rows.add(List.of(k.replace('_', ' '), String.valueOf(v))));
        r.heading("Summary").table(List.of("quantity", "value"), rows);
        List<List<String>> stages = new ArrayList<>();
        for (CompilePipeline.Stage st : p.stages()) {
            stages.add(List.of(st.name(), String.format(Locale.ROOT, "%.1f s", st.seconds()), mib(st), st.result()));
        }
        r.heading("Stages").table(List.of("stage", "wall time", "peak resident MiB", "result"), stages);

        Map<String, Double> floatRates = (Map<String, Double>) p.details.get("float_snn_firing_rates");
        Map<String, Double> fixedRates = (Map<String, Double>) p.details.get("fixed_point_firing_rates");
        if (floatRates != null && fixedRates != null) {
            List<String> layers = new ArrayList<>(fixedRates.keySet());
            Map<String, double[]> series = new LinkedHashMap<>();
            series.put("float SNN", layers.stream().mapToDouble(l -> floatRates.getOrDefault(l, 0.0)).toArray());
            series.put("fixed point", layers.stream().mapToDouble(fixedRates::get).toArray());
            r.heading("Firing rates").bars("Spikes per neuron per step, per layer (the fixed-point run includes the "
                    + "pipeline steps)", layers, series, "");
        }
        List<Map<String, Object>> quant = (List<Map<String, Object>>) p.details.get("quantization");
        if (quant != null) {
            List<String> layers = quant.stream().map(q -> (String) q.get("name")).toList();
            r.heading("Quantization").bars("Relative RMS rounding error of the weights, per layer (%)", layers,
                    ReportHtml.series("weight error", quant.stream().mapToDouble(q -> 100 * (Double) q.get("weight_error"))
                            .toArray()), "%");
            Map<String, double[]> rate = new LinkedHashMap<>();
            rate.put("before recalibration", quant.stream().mapToDouble(q -> num(q.get("rate_error_before"))).toArray());
            rate.put("after", quant.stream().mapToDouble(q -> num(q.get("rate_error_after"))).toArray());
            r.bars("Mean |rate − float SNN rate| per layer on the recalibration images", layers, rate, "");
        }
        String section = null;
        for (dev.snnc.ir.backend.BackendReport.Chart chart : p.backendReport.charts()) {
            if (!chart.section().equals(section)) {
                r.heading(chart.section());
                section = chart.section();
            }
            r.bars(chart.title(), chart.labels(), new LinkedHashMap<>(chart.series()), chart.unit());
        }
        Map<String, Map<Integer, Double>> curves = BenchCurves.accuracyVsT(Path.of(System.getProperty("snnc.home", "."),
                "bench", "results"), name);
        if (!curves.isEmpty()) {
            r.heading("Calibration methods").lines("Float SNN accuracy vs T by method (from bench/results, one test-set size, measured by "
                    + "./snnc bench on the bundled test subset)", curves, "T", "%");
        }
        r.paragraph("Generated by snnc; every number above was measured by this run except the calibration-method "
                + "curves, which come from the committed benchmark results.");
        return r.render();
    }

    private static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }
}
