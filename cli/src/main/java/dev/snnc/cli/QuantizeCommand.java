package dev.snnc.cli;

import dev.snnc.ir.InputEncoding;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.quantize.LayerQuantization;
import dev.snnc.quantize.Quantizer;
import dev.snnc.quantize.ThresholdGroup;
import dev.snnc.formats.FxFile;
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

/** {@code snnc quantize model.snn --target T -o model.fx}: fixed point for a target, recalibrated. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = "Map a calibrated SNN onto a target's fixed point (a scale per output channel, an exponent per "
                + "synapse group) and recalibrate integer biases against the target's bit-exact arithmetic; writes .fx.",
        footer = {"", "Examples (mobilenet.snn from the snnc calibrate examples):",
            "  ./snnc quantize mobilenet.snn --target loihi2 \\", "      --data data/fashion-mnist-subset -o mobilenet-loihi2.fx",
            "  ./snnc quantize mobilenet.snn --target loihi1 \\", "      --data data/fashion-mnist-subset -o mobilenet-loihi1.fx",
            "  ./snnc quantize mobilenet.snn --target fpga \\", "      --data data/fashion-mnist-subset -o mobilenet-fpga.fx",
            "  ./snnc quantize mobilenet.snn --target fpga --weight-bits 4 \\", "      --data data/fashion-mnist-subset -o mobilenet-fpga4.fx --json",
            "  ./snnc simulate mobilenet-loihi2.fx --data data/fashion-mnist-subset"})
final class QuantizeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.snn", description = "A calibrated SNN (from snnc calibrate).")
    Path model;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Mixin
    FixedPointOptions fixedPoint;

    @Option(names = "--target", paramLabel = "TARGET", required = true, description = "Target profile, one of the "
            + "installed backends' (${sys:snnc.targets}).")
    String target;

    @Option(names = "--reset", paramLabel = "subtract|zero", description = "Loihi neuron: 'subtract' (snnc's "
            + "subtractive LIF process model, default) or 'zero' (stock Lava LIF); see docs/adr/0010.")
    String reset;

    @Option(names = "--calib-images", paramLabel = "N", description = "Images for integer recalibration "
            + "(default: ${DEFAULT-VALUE}).")
    int calibImages = Quantizer.Options.DEFAULT.calibImages();

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the image draw (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The .fx file to write.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        TargetSpec chosen = TargetOption.parse(target, fixedPoint.weightBits);
        CalibratedSnn snn = SnnFile.read(model);
        TargetSpec t = TargetOption.withReset(chosen, reset != null ? reset : TargetOption.defaultReset(chosen, snn.graph()));
        Quantizer.Options opt = fixedPoint.quantizerOptions(t, calibImages, seed, snn.encoding() == InputEncoding.RATE);
        data.refuseLimit("--calib-images for the recalibration images");
        Preprocessing pre = data.stored(snn.graph(), model.toString());
        ImageSet images = data.load("train", DataExpectation.of(snn.graph(), pre));
        Quantizer.Result r;
        int populations = Quantizer.progressTotal(snn.graph());
        try (Progress progress = Progress.start("recalibrate", populations, "layer",
                output.showProgress() && opt.iterations() > 0)) {
            r = Quantizer.quantize(snn.graph(), snn.timesteps(), pre, t, images, opt, Provenance.quantization(snn, t, opt),
                    progress.reporter());
        }
        OverflowCheck.check(r.layers(), target, fixedPoint.allowOverflow);
        FxFile.write(r.network(), out);
        print(r, t);
        return Main.EXIT_OK;
    }

    private void print(Quantizer.Result r, TargetSpec t) {
        PrintWriter o = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("output", out.toString());
            m.put("target", t.id());
            m.put("weight_bits", t.arithmetic().weightBits());
            m.put("timesteps", r.network().timesteps());
            m.put("map_seconds", r.mapSeconds());
            m.put("recalibration_seconds", r.recalibrationSeconds());
            m.put("layers", r.layers().stream().map(QuantizeCommand::json).toList());
            m.put("coarse_weights", coarseWeights(r.network()));
            m.put("threshold_groups", thresholdGroupsJson(r.thresholdGroups()));
            OutputOptions.printJson(o, m);
            return;
        }
        o.printf(Locale.ROOT, "%s -> %s (%s, %d-bit weights, T=%d) in %.1f s%n", model, out, t.id(),
                t.arithmetic().weightBits(), r.network().timesteps(), r.mapSeconds() + r.recalibrationSeconds());
        o.printf(Locale.ROOT, "%-12s %10s %-10s %9s %7s %13s %7s %11s %11s%n", "layer", "scale", "exponents", "w.err",
                "clipped", "threshold", "bias.sat", "rate.err", "after");
        for (LayerQuantization l : r.layers()) {
            o.printf(Locale.ROOT, "%-12s %10.4g %-10s %8.2f%% %7d %13s %7d %11s %11s%n", l.name(), l.scale(),
                    l.exponents().toString().replace(" ", ""), 100 * l.weightError(), l.clippedWeights(),
                    l.thresholdMax() == 0 ? "-" : l.thresholdMin() + ".." + l.thresholdMax(), l.saturatedBiases(),
                    rate(l.rateErrorBefore()), rate(l.rateErrorAfter()));
        }
        for (String line : describeThresholdGroups(r.thresholdGroups(), r.network())) {
            o.println(line);
        }
        for (String name : coarseWeights(r.network())) {
            var p = r.network().population(name);
            o.printf(Locale.ROOT, "note: %s: %s's one integer threshold per population (%d) leaves its median channel "
                    + "weights within +-%d of +-%d; expect fixed-point loss here (see snnc inspect %s)%n", name, t.id(),
                    p.threshold(0), FxSummary.medianChannelMaxAbs(p.inputs()), t.arithmetic().maxWeight(), out);
        }
    }

    /**
     * Populations where the target's one threshold per population (Lava's stock LIF) leaves the median
     * channel at most a sixteenth of the weight range: the channel with the largest weights against its
     * threshold caps the common integer threshold (bench/results/reset-zero-phase-copies-T128-channel-vth.md).
     */
    static java.util.List<String> coarseWeights(dev.snnc.ir.fx.FxNetwork fx) {
        if (fx.target().arithmetic().channelThresholds()) {
            return java.util.List.of();
        }
        long limit = fx.target().arithmetic().maxWeight() / 16;
        return fx.populations().stream()
                .filter(p -> !p.inputs().isEmpty() && FxSummary.medianChannelMaxAbs(p.inputs()) <= limit)
                .map(dev.snnc.ir.fx.FxPopulation::name).toList();
    }

    /** Per split population, its parts: {@code {"relu_1": [{"name": "relu_1.g0", "channels": [...]}, ...]}}. */
    static Map<String, Object> thresholdGroupsJson(Map<String, java.util.List<ThresholdGroup>> groups) {
        Map<String, Object> m = new LinkedHashMap<>();
        groups.forEach((population, parts) -> m.put(population, parts.stream().map(g -> {
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("name", g.name());
            part.put("channels", g.channels());
            return part;
        }).toList()));
        return m;
    }

    /** One line per split population: which populations it became, their channel counts and thresholds. */
    static java.util.List<String> describeThresholdGroups(Map<String, java.util.List<ThresholdGroup>> groups,
                                                          dev.snnc.ir.fx.FxNetwork fx) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        groups.forEach((population, parts) -> lines.add("threshold groups: " + population + " -> " + parts.stream()
                .map(g -> String.format(Locale.ROOT, "%s (%d channels, threshold %d)", g.name(), g.channels().length,
                        fx.population(g.name()).threshold(0)))
                .collect(java.util.stream.Collectors.joining(", "))));
        if (!groups.isEmpty()) {
            lines.add("threshold groups: one " + fx.target().id() + " threshold per population; each group's channels are "
                    + "listed by --json (threshold_groups)");
        }
        return lines;
    }

    static Map<String, Object> json(LayerQuantization l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", l.name());
        m.put("scale", l.scale());
        m.put("exponents", l.exponents());
        m.put("weight_error", l.weightError());
        m.put("clipped_weights", l.clippedWeights());
        m.put("threshold_min", l.thresholdMin());
        m.put("threshold_max", l.thresholdMax());
        m.put("saturated_biases", l.saturatedBiases());
        m.put("clipped_initial_v", l.clippedInitialV());
        m.put("rate_error_before", Double.isNaN(l.rateErrorBefore()) ? null : l.rateErrorBefore());
        m.put("rate_error_after", Double.isNaN(l.rateErrorAfter()) ? null : l.rateErrorAfter());
        return m;
    }

    private static String rate(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
