package dev.snnc.cli;

import dev.snnc.calibration.calib.CalibrationOptions;
import dev.snnc.calibration.calib.CalibrationStep;
import dev.snnc.calibration.calib.Calibrator;
import dev.snnc.calibration.convert.PhaseCopies;
import dev.snnc.calibration.djl.AnnEvaluator;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.ir.InputEncoding;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;
import dev.snnc.calibration.threshold.ThresholdSpec;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.backend.Backend;
import dev.snnc.ir.backend.BackendDriver;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.backend.BackendReport;
import dev.snnc.ir.backend.Backends;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.io.AtomicOutput;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.quantize.Quantizer;
import dev.snnc.simulator.EnergyEstimate;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SimulationResult;
import dev.snnc.formats.FxFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The main job: ONNX model to a target's artifacts in one go (import, ANN accuracy, calibration,
 * float SNN accuracy, quantization with integer recalibration, backend, bit-exact simulation),
 * timing every stage. {@code model.snn} and {@code model.fx} are written (atomically) as soon as
 * they exist, so {@code --resume} can pick them up; the backend's files and the reports are
 * written together at the end.
 */
final class CompilePipeline {
    /** What the user asked for. */
    record Settings(Path model, Path out, TargetSpec target, int timesteps, Set<CalibrationStep> method, int calibImages,
                    int recalImages, int recalIterations, int thresholdGroups, int evalImages, int phaseCopies, long seed, BackendOptions backendOptions,
                    boolean resume, boolean allowOverflow, boolean showProgress, String sparkMaster, int partitions) {
        boolean spark() {
            return sparkMaster != null;
        }
    }

    /**
     * One row of the summary: a stage, its wall time and its peak resident memory in MiB (null where the
     * platform cannot measure a stage's own peak; see {@link PeakMemory}).
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Stage(String name, double seconds, String result,
                 @com.fasterxml.jackson.annotation.JsonProperty("peak_rss_mib") Double peakRssMib) {
    }

    private final Settings s;
    private final DataOptions data;
    private final List<Stage> stages = new ArrayList<>();
    /** Samples resident memory while {@link #run()} runs. */
    private PeakMemory memory;
    /** The headline numbers, once the run has finished. */
    CompileSummary summary;
    final Map<String, Object> details = new LinkedHashMap<>();
    /** The backend's report, once the backend stage has run. */
    BackendReport backendReport;

    CompilePipeline(Settings s, DataOptions data) {
        this.s = s;
        this.data = data;
    }

    List<Stage> stages() {
        return stages;
    }

    private void refuseMaxPoolingWhereUnsupported(Graph ann) {
        Backend backend = Backends.installed().forTarget(s.target());
        for (dev.snnc.ir.Node n : ann.nodes()) {
            if (n.op() instanceof dev.snnc.ir.op.MaxPool2d && !backend.expressesMaxPooling()) {
                throw new dev.snnc.ir.diag.SnncException(dev.snnc.ir.diag.Diagnostic.of(
                        dev.snnc.ir.diag.DiagnosticCode.NOT_CONVERTIBLE, n.origin(), "target " + s.target().id()
                                + " cannot express spiking max pooling (its synapses only sum spikes; the " + backend.id()
                                + " backend has no max-pool stage; docs/adr/0021)")
                        .withHint("run it bit-exactly without hardware artifacts: snnc calibrate, snnc quantize --target "
                                + s.target().id() + ", snnc simulate MODEL.fx; or use average pooling"));
            }
        }
    }

    Map<String, byte[]> run() {
        try (PeakMemory sampler = new PeakMemory()) {
            memory = sampler;
            return runStages();
        }
    }

    private Map<String, byte[]> runStages() {
        int threads = Runtime.getRuntime().availableProcessors();
        long t = System.nanoTime();
        Graph ann = OnnxModels.load(s.model());
        refuseMaxPoolingWhereUnsupported(ann); // before minutes of calibration, not after
        Preprocessing pre = data.preprocessing(ann);
        ImageSet train = data.load("train", DataExpectation.of(ann, pre));
        ImageSet test = s.spark() ? data.checked("test", DataExpectation.of(ann, pre))
                : data.load("test", DataExpectation.of(ann, pre));
        ImageSet eval = test.first(Math.min(s.evalImages(), test.size()));
        // with --spark the evaluation stages run on Spark over the same images, reopened by each executor
        DataSource evalSource = s.spark() ? data.source("test", DataExpectation.of(ann, pre)).withLimit(eval.size()) : null;
        // the graph calibration converts: the ANN with its preprocessing, split into phase copies when asked (refused
        // here, before the ANN stage, where the model has a construct copies cannot follow)
        Graph toCalibrate = PhaseCopies.expand(ann.toBuilder().preprocessing(pre).build(), s.phaseCopies());
        stage("import", t, ann.name() + ", " + ann.nodes().size() + " layers"
                + (s.phaseCopies() > 1 ? ", " + s.phaseCopies() + " phase copies per channel" : ""));

        t = System.nanoTime();
        AnnEvaluator.Result annResult;
        if (s.spark()) {
            annResult = ScaleOut.find().evalAnn(s.sparkMaster(), ModelBytes.read(s.model()), pre, evalSource, 250,
                    s.partitions());
        } else {
            try (FloatGraphExecutor exec = new FloatGraphExecutor(ann, threads);
                 Progress p = Progress.start("ANN", eval.size(), "img", s.showProgress())) {
                annResult = AnnEvaluator.evaluate(exec, eval, pre, 250, p.reporter());
            }
        }
        stage("ANN accuracy", t, pct(annResult.accuracy()) + " on " + eval.size() + " test images");

        t = System.nanoTime();
        Path snnFile = s.out().resolve("model.snn");
        CalibratedSnn snn;
        CalibrationOptions opt = new CalibrationOptions(s.timesteps(), ThresholdSpec.parse("mse", false), s.method(),
                TargetOption.calibrationNeuron(s.target()), InputEncoding.ANALOG, s.calibImages(), 128, 7, 0.9, 1000, 32, 1e-4, s.seed(),
                threads, 128, 1);
        if (s.resume() && Files.exists(snnFile)) {
            snn = SnnFile.read(snnFile);
            ResumeCheck.requireSame(snnFile, withTimesteps(snn.provenance(), snn.timesteps()),
                    withTimesteps(Provenance.calibration(toCalibrate, opt, train.size()), s.timesteps()));
            stage("calibrate", t, "resumed from " + snnFile);
        } else {
            Calibrator.Result r;
            if (s.spark()) {
                ScaleOut scale = ScaleOut.find();
                byte[] onnx = ModelBytes.read(s.model());
                DataSource trainSource = data.source("train", DataExpectation.of(ann, pre));
                r = Calibrator.calibrate(toCalibrate, train, pre, opt,
                        new ProgressBars(s.showProgress()),
                        scale.thresholdStatistics(s.sparkMaster(), onnx, pre, trainSource, s.partitions()),
                        scale.layerStatistics(s.sparkMaster(), onnx, pre, trainSource, s.partitions()));
            } else {
                r = Calibrator.calibrate(toCalibrate, train, pre, opt,
                        new ProgressBars(s.showProgress()));
            }
            snn = new CalibratedSnn(r.snn(), s.timesteps(), InputEncoding.ANALOG, Provenance.calibration(toCalibrate, opt, train.size()));
            SnnFile.write(snn, snnFile);
            stage("calibrate", t, CalibrationStep.methodName(s.method()) + ", T=" + s.timesteps() + ", "
                    + Math.min(s.calibImages(), train.size()) + " images");
        }

        t = System.nanoTime();
        SnnEvaluator.Result floatSnn;
        if (s.spark()) {
            floatSnn = ScaleOut.find().evalSnn(s.sparkMaster(), SnnFile.toBytes(snn), pre, snn.timesteps(), evalSource, 250,
                    s.partitions());
        } else {
            try (FloatSnnExecutor exec = new FloatSnnExecutor(snn.graph(), threads);
                 Progress p = Progress.start("float SNN", eval.size(), "img", s.showProgress())) {
                floatSnn = SnnEvaluator.evaluate(exec, eval, pre, snn.timesteps(), snn.encoding(), 250, p.reporter());
            }
        }
        details.put("float_snn_firing_rates", floatSnn.firingRates());
        stage("float SNN accuracy", t, pct(floatSnn.accuracy()));

        t = System.nanoTime();
        Path fxFile = s.out().resolve("model.fx");
        FxNetwork fx;
        Quantizer.Options qopt = new Quantizer.Options(s.recalImages(), s.recalIterations(), s.seed(),
                snn.encoding() == InputEncoding.RATE, s.thresholdGroups());
        if (s.resume() && Files.exists(fxFile)) {
            fx = FxFile.read(fxFile);
            ResumeCheck.requireSame(fxFile, withTimesteps(fx.provenance(), fx.timesteps()),
                    withTimesteps(Provenance.quantization(snn, s.target(), qopt), snn.timesteps()));
            stage("quantize", t, "resumed from " + fxFile);
        } else {
            int populations = Quantizer.progressTotal(snn.graph());
            Quantizer.Result q;
            try (Progress p = Progress.start("quantize", populations, "layer", s.showProgress())) {
                q = Quantizer.quantize(snn.graph(), snn.timesteps(), pre, s.target(), train,
                        qopt, Provenance.quantization(snn, s.target(), qopt), p.reporter());
            }
            fx = q.network();
            OverflowCheck.check(q.layers(), s.target().id(), s.allowOverflow());
            FxFile.write(fx, fxFile);
            details.put("quantization", q.layers().stream().map(QuantizeCommand::json).toList());
            List<String> coarse = QuantizeCommand.coarseWeights(fx);
            details.put("coarse_weights", coarse);
            details.put("threshold_groups", QuantizeCommand.thresholdGroupsJson(q.thresholdGroups()));
            stage("quantize", t, s.target().id() + ", " + s.target().arithmetic().weightBits() + "-bit weights, "
                    + s.recalIterations() + " recalibration iterations on " + s.recalImages() + " images"
                    + (q.thresholdGroups().isEmpty() ? "" : "; " + q.thresholdGroups().size() + " populations split into "
                            + "threshold groups")
                    + (coarse.isEmpty() ? "" : "; one threshold per population leaves " + String.join(", ", coarse)
                            + " few weight levels (snnc inspect " + fxFile + ")"));
        }

        t = System.nanoTime();
        Map<String, byte[]> files = new LinkedHashMap<>();
        FxNetwork simulated;
        Backend backend = Backends.installed().forTarget(s.target());
        BackendDriver.Result compiled = BackendDriver.compile(backend, fx, s.backendOptions());
        files.putAll(compiled.emission().files());
        backendReport = compiled.emission().report();
        details.put(backend.id(), backendReport.details());
        simulated = compiled.legal();
        stage("backend", t, backendReport.headline());

        t = System.nanoTime();
        SimulationResult sim;
        if (s.spark()) {
            sim = ScaleOut.find().simulate(s.sparkMaster(), FxFile.toBytes(simulated), evalSource, s.partitions());
        } else {
            try (Progress p = Progress.start("simulate", eval.size(), "img", s.showProgress())) {
                sim = new FxSimulator(simulated).run(eval, p.reporter());
            }
        }
        int agree = 0;
        int agreeFloat = 0;
        for (int i = 0; i < eval.size(); i++) {
            agree += sim.predictions()[i] == annResult.predictions()[i] ? 1 : 0;
            agreeFloat += sim.predictions()[i] == floatSnn.predictions()[i] ? 1 : 0;
        }
        java.util.Optional<EnergyEstimate> energy = EnergyEstimate.of(sim, fx.target());
        energy.ifPresent(e -> details.put("energy", e));
        summary = new CompileSummary(annResult.accuracy(), floatSnn.accuracy(), sim.accuracy(), (double) agree / eval.size(),
                (double) agreeFloat / eval.size(), eval.size(), sim.stepsRun(),
                energy.map(EnergyEstimate::microjoulesPerImage).orElse(null), backendReport.figures());
        details.put("fixed_point_firing_rates", sim.firingRates());
        stage("simulate", t, pct(sim.accuracy()) + " bit-exact, " + String.format(java.util.Locale.ROOT, "%.1f%%",
                100.0 * agree / eval.size()) + " agree with the ANN");
        return files;
    }

    /** Provenance plus the T the artifact was made for (kept outside provenance in the files). */
    private static Map<String, String> withTimesteps(Map<String, String> provenance, int timesteps) {
        Map<String, String> m = new java.util.TreeMap<>(provenance);
        m.put("timesteps", Integer.toString(timesteps));
        return m;
    }

    private void stage(String name, long t0, String result) {
        java.util.OptionalDouble peak = memory.stagePeakMib();
        stages.add(new Stage(name, (System.nanoTime() - t0) / 1e9, result, peak.isPresent() ? peak.getAsDouble() : null));
        dev.snnc.calibration.calib.HeapRelease.afterPhase(); // each stage's peak is then its own, not the last one's heap
        memory.startStage();
    }

    static String pct(double v) {
        return String.format(java.util.Locale.ROOT, "%.2f%%", 100 * v);
    }

    /** Writes the backend files and the reports into {@code out} (model.snn and model.fx are already there). */
    void write(Map<String, byte[]> files, byte[] reportJson, byte[] reportHtml, byte[] summaryText) {
        Map<String, byte[]> all = new LinkedHashMap<>(files);
        all.put("report.json", reportJson);
        all.put("report.html", reportHtml);
        all.put("report.txt", summaryText);
        AtomicOutput.writeAll(s.out(), all);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
