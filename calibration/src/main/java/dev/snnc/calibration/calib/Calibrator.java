package dev.snnc.calibration.calib;

import ai.djl.ndarray.NDArray;
import dev.snnc.calibration.convert.AnnToSnn;
import dev.snnc.calibration.convert.PhaseCopies;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.calibration.djl.PassBatch;
import dev.snnc.calibration.djl.StepValues;
import dev.snnc.ir.Graph;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Node;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SNN Calibration (Li et al., ICML 2021) in floating point: convert the ANN, set thresholds from
 * ANN activations, then for each population in graph order apply the requested corrections, each
 * computed from a fresh comparison of SNN rates with ANN activations on the calibration images
 * (earlier populations already corrected): for neurons that reset to zero first the fire ratio
 * ({@link FireRatioSearch}), then weights, then bias {@code b −= mean_{n,h,w}(r − a)}, then initial
 * potential {@code u0 = T·mean_n(a − r)}.
 */
public final class Calibrator {
    /** The calibrated SNN graph and what happened. */
    public record Result(Graph snn, CalibrationReport report) {
    }

    private Calibrator() {
    }

    public static Result calibrate(Graph ann, ImageSet data, Preprocessing pre, CalibrationOptions opt, ProgressSink progress) {
        return calibrate(ann, data, pre, opt, progress, ThresholdStatistics.LOCAL);
    }

    /** As above, with the threshold statistics computed by {@code statistics} (e.g. spread over Spark). */
    public static Result calibrate(Graph ann, ImageSet data, Preprocessing pre, CalibrationOptions opt, ProgressSink progress,
                                   ThresholdStatistics statistics) {
        return calibrate(ann, data, pre, opt, progress, statistics, null);
    }

    /**
     * As above, and with bias and potential calibration's measurements taken by {@code layerStatistics}
     * when it is not null (full passes, e.g. spread over Spark; weight calibration and the fire-ratio
     * search then refuse: they need this JVM's spike cache).
     */
    public static Result calibrate(Graph ann, ImageSet data, Preprocessing pre, CalibrationOptions opt, ProgressSink progress,
                                   ThresholdStatistics statistics, LayerStatistics layerStatistics) {
        CalibrationImages images = new CalibrationImages(data, pre, opt.calibImages(), opt.seed());
        long t0 = System.nanoTime();
        Graph converted = AnnToSnn.convert(ann, opt.neuron());
        opt = opt.withPassBatchSize(PassBatch.fit(converted, opt.passBatchSize()));
        // copies of a channel (an ANN expanded by PhaseCopies) start at staggered potentials once θ is known
        Graph snn = PhaseCopies.stagger(ThresholdCalibration.run(ann, converted, images, opt, progress, statistics));
        HeapRelease.afterPhase(); // the threshold sorts' heap, before the layer passes' native tensors
        double thresholdSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        List<CalibrationReport.Layer> layers = new ArrayList<>();
        List<WeightCalibration.Result> fits = new ArrayList<>();
        boolean resetsToZero = opt.neuron().reset() == NeuronModel.Reset.ZERO;
        if (resetsToZero && !opt.threshold().searchesFireRatio()) {
            snn = withFireRatio(snn, (float) opt.threshold().fireRatio());
        }
        boolean search = resetsToZero && opt.threshold().searchesFireRatio();
        if (layerStatistics != null && (search || opt.steps().contains(CalibrationStep.WEIGHTS))) {
            throw new dev.snnc.ir.diag.SnncException(dev.snnc.ir.diag.Diagnostic.of(dev.snnc.ir.diag.DiagnosticCode.BAD_OPTION,
                    dev.snnc.ir.Origin.SYNTHETIC, "--spark spreads threshold, bias and potential calibration; weight "
                            + "calibration and the fire-ratio search (neurons that reset to zero, --fire-ratio auto) run in "
                            + "one JVM").withHint("drop --spark for this method, or give --fire-ratio R"));
        }
        if (layerStatistics != null && !opt.steps().isEmpty()) {
            snn = correctLayersWith(layerStatistics, snn, images, opt, layers, progress);
        } else if (!opt.steps().isEmpty() || search) {
            snn = correctLayers(ann, snn, images, pre, opt, search, layers, fits, progress);
        } else {
            for (Node p : snn.nodes()) {
                if (p.op() instanceof IfNeuron) {
                    layers.add(layer(snn, p.name(), null, null));
                }
            }
        }
        double layerSeconds = (System.nanoTime() - t1) / 1e9;
        return new Result(snn, new CalibrationReport(layers, fits, thresholdSeconds, layerSeconds, images.size()));
    }

    private static Graph withFireRatio(Graph snn, float ratio) {
        Graph out = snn;
        for (Node n : snn.nodes()) {
            if (n.op() instanceof IfNeuron f) {
                out = out.withOp(n.name(), f.withFireRatio(ratio));
            }
        }
        return out;
    }

    private static Graph correctLayers(Graph ann, Graph start, CalibrationImages images, Preprocessing pre,
                                       CalibrationOptions opt, boolean searchFireRatio, List<CalibrationReport.Layer> layers,
                                       List<WeightCalibration.Result> fits, ProgressSink progress) {
        Graph snn = start;
        SegmentPlan plan = new SegmentPlan(snn);
        try (FloatGraphExecutor annExec = new FloatGraphExecutor(ann, opt.threads());
             AnnTargets targets = new AnnTargets(annExec);
             SpikeCache cache = new SpikeCache(annExec.manager())) {
            progress.start("calibrate layers", plan.size());
            for (int i = 0; i < plan.size(); i++) {
                String name = plan.population(i);
                RateMeasurement.Result current = measure(targets, snn, plan, i, cache, images, opt, pre, null);
                RateMeasurement.Errors before = current.errors();
                if (searchFireRatio) {
                    int at = i;
                    snn = FireRatioSearch.choose(snn, name, g -> measure(targets, g, plan, at, cache, images, opt, pre, null,
                            FireRatioSearch.IMAGES), opt.steps().contains(CalibrationStep.BIAS));
                    current = measure(targets, snn, plan, i, cache, images, opt, pre, null);
                }
                if (opt.steps().contains(CalibrationStep.WEIGHTS)) {
                    snn = calibrateWeights(annExec, snn, plan, i, cache, images, opt, pre, fits);
                    current = null;
                }
                for (CalibrationStep step : opt.corrections()) {
                    if (current == null) {
                        current = measure(targets, snn, plan, i, cache, images, opt, pre, null);
                    }
                    snn = apply(snn, name, step, current, opt.timesteps());
                    current = null;
                }
                // run the finished segment once more: its error after correction, and the cut for what follows
                Set<String> live = plan.liveAfter(i);
                RateMeasurement.Result after = measure(targets, snn, plan, i, cache, images, opt, pre, live);
                cache.retainOnly(live);
                layers.add(layer(snn, name, before, after.errors()));
                progress.advance(i + 1);
            }
            progress.end();
        }
        return snn;
    }

    /** Bias and potential calibration, population by population, measured by {@code statistics} (full passes). */
    private static Graph correctLayersWith(LayerStatistics statistics, Graph start, CalibrationImages images,
                                           CalibrationOptions opt, List<CalibrationReport.Layer> layers, ProgressSink progress) {
        Graph snn = start;
        SegmentPlan plan = new SegmentPlan(snn);
        progress.start("calibrate layers", plan.size());
        for (int i = 0; i < plan.size(); i++) {
            String name = plan.population(i);
            RateMeasurement.Result current = statistics.measure(snn, name, images, opt);
            RateMeasurement.Errors before = current.errors();
            for (CalibrationStep step : opt.corrections()) {
                if (current == null) {
                    current = statistics.measure(snn, name, images, opt);
                }
                snn = apply(snn, name, step, current, opt.timesteps());
                current = null;
            }
            layers.add(layer(snn, name, before, statistics.measure(snn, name, images, opt).errors()));
            progress.advance(i + 1);
        }
        progress.end();
        return snn;
    }

    /**
     * One measurement pass over segment {@code i}; with {@code capture}, the values of the segment
     * named there are stored in the cache for the segments that follow.
     */
    private static RateMeasurement.Result measure(AnnTargets ann, Graph snn, SegmentPlan plan, int i,
                                                  SpikeCache cache, CalibrationImages images, CalibrationOptions opt,
                                                  Preprocessing pre, Set<String> capture) {
        return measure(ann, snn, plan, i, cache, images, opt, pre, capture, images.size());
    }

    /** The same on the first {@code maxImages} calibration images only. */
    private static RateMeasurement.Result measure(AnnTargets ann, Graph snn, SegmentPlan plan, int i, SpikeCache cache,
                                                  CalibrationImages images, CalibrationOptions opt, Preprocessing pre,
                                                  Set<String> capture, int maxImages) {
        try (FloatSnnExecutor exec = new FloatSnnExecutor(snn, opt.threads())) {
            return RateMeasurement.measure(ann, runner(exec, snn, plan, i, cache, opt, pre, capture), images,
                    plan.population(i), opt, ann.executor().manager(), maxImages);
        }
    }

    static SegmentRunner runner(FloatSnnExecutor exec, Graph snn, SegmentPlan plan, int i, SpikeCache cache,
                                CalibrationOptions opt, Preprocessing pre, Set<String> capture) {
        List<Node> nodes = plan.segment(i, snn);
        Set<String> computed = new java.util.HashSet<>();
        nodes.forEach(n -> computed.add(n.name()));
        return (x, b, record) -> {
            Map<String, StepValues> external = new LinkedHashMap<>();
            for (String name : plan.externalInputs(i)) {
                external.put(name, cache.reader(name, b));
            }
            Map<String, List<NDArray>> captured = new LinkedHashMap<>();
            if (capture != null) {
                capture.stream().filter(computed::contains).forEach(c -> captured.put(c, new ArrayList<>()));
            }
            FloatSnnExecutor.Run run = exec.runNodes(x, opt.timesteps(), opt.encoding(), pre, nodes, external, record,
                    captured, false);
            captured.forEach((name, perStep) -> cache.put(name, b, perStep, snn));
            return run;
        };
    }

    private static Graph calibrateWeights(FloatGraphExecutor annExec, Graph snn, SegmentPlan plan, int i, SpikeCache cache,
                                          CalibrationImages images, CalibrationOptions opt, Preprocessing pre,
                                          List<WeightCalibration.Result> fits) {
        Node population = snn.node(plan.population(i)).orElseThrow();
        Optional<WeightCalibration.Target> target = WeightCalibration.target(snn, population);
        if (target.isEmpty()) {
            return snn; // e.g. a population fed by pooling: nothing to fit
        }
        try (FloatSnnExecutor exec = new FloatSnnExecutor(snn, opt.threads())) {
            return WeightCalibration.run(snn, population, target.get(), annExec,
                    runner(exec, snn, plan, i, cache, opt, pre, null), annExec.manager(), images, opt, fits,
                    ProgressSink.NONE);
        }
    }

    private static Graph apply(Graph snn, String name, CalibrationStep step, RateMeasurement.Result m, int timesteps) {
        IfNeuron f = (IfNeuron) snn.node(name).orElseThrow().op();
        if (step == CalibrationStep.BIAS) {
            float[] bias = f.bias().toArray();
            for (int c = 0; c < bias.length; c++) {
                bias[c] -= m.channelMeanError()[c];
            }
            return snn.withOp(name, f.withBias(Tensor.of(bias, bias.length)));
        }
        float[] potential = f.initialPotential().toArray();
        for (int k = 0; k < potential.length; k++) {
            potential[k] += timesteps * m.neuronMeanDeficit()[k];
        }
        return snn.withOp(name, f.withInitialPotential(Tensor.of(potential, f.initialPotential().shape())));
    }

    private static CalibrationReport.Layer layer(Graph snn, String name, RateMeasurement.Errors before,
                                                RateMeasurement.Errors after) {
        IfNeuron f = (IfNeuron) snn.node(name).orElseThrow().op();
        float[] t = f.threshold().toArray();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (float v : t) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double ratio = 0;
        for (float r : f.fireRatio().toArray()) {
            ratio += r / f.fireRatio().size();
        }
        return new CalibrationReport.Layer(name, min, max, ratio, before, after);
    }
}
