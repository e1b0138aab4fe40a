package dev.snnc.cli;

import dev.snnc.ir.backend.Backend;
import dev.snnc.ir.backend.BackendDriver;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.backend.BackendReport;
import dev.snnc.ir.backend.Backends;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.io.AtomicOutput;
import dev.snnc.simulator.EnergyEstimate;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SimulationResult;
import dev.snnc.formats.FxFile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import dev.snnc.quantize.Quantizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snnc compile MODEL.fx -o OUTDIR}: Loihi legalization, core mapping, netlist and resource report. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "The main job: compile an ONNX model for a target (import, calibrate, quantize with integer "
                + "recalibration, legalize, map, emit, simulate) with a summary and OUTDIR/report.{json,html,txt}; or "
                + "compile a fixed-point model (.fx from snnc quantize) for its target. Loihi: legalize, map onto "
                + "cores and chips, estimate energy from a simulation; writes OUTDIR/netlist.json and reports. FPGA: "
                + "writes the engine's parameter files (*.mem, snn_params.vh, manifest.json), the reference RTL and reports.",
        footer = {"", "Examples (bundled model and data; the .fx files come from the snnc quantize examples):",
            "  ./snnc compile                      (bundled MobileNet and data, loihi2)",
            "  ./snnc compile --reset zero --phase-copies 2 -o out/loihi2-stock",
            "      (stock Loihi 2 LIF neurons, kept accurate by phase copies: ADR 0029)",
            "  ./snnc compile models/mobilenet-fashion.onnx --target fpga \\", "      --weight-bits 4 --pe 16 --data data/fashion-mnist-subset -o out/fpga4",
            "  ./snnc compile mobilenet-loihi2.fx -o out/loihi2 \\", "      --data data/fashion-mnist-subset",
            "  ./snnc compile mobilenet-loihi1.fx -o out/loihi1 \\", "      --neurons-per-core 512 --data data/fashion-mnist-subset",
            "  ./snnc simulate out/loihi2/netlist.json --data data/fashion-mnist-subset",
            "  ./snnc compile mobilenet-fpga.fx -o out/fpga --pe 8 \\", "      && ./snnc cosim out/fpga --limit 5 --data data/fashion-mnist-subset"})
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "An ONNX model (the whole pipeline; "
            + "default: the bundled MobileNet on the bundled data) or a .fx file from snnc quantize (backend only).")
    Path model;

    @Option(names = "--target", paramLabel = "TARGET", description = "Target for an ONNX model, one of the installed "
            + "backends' (${sys:snnc.targets}; default: ${DEFAULT-VALUE}).")
    String target = "loihi2";

    @Option(names = "--T", paramLabel = "N", description = "Time steps (default: ${DEFAULT-VALUE}).")
    int timesteps = 32;

    @Option(names = "--method", paramLabel = "M", description = "Calibration method (default: ${DEFAULT-VALUE}).")
    String method = "light";

    @Option(names = "--calib-images", paramLabel = "N", description = "Calibration images (default: ${DEFAULT-VALUE}).")
    int calibImages = 1024;

    @Option(names = "--recal-images", paramLabel = "N", description = "Integer recalibration images "
            + "(default: ${DEFAULT-VALUE}).")
    int recalImages = Quantizer.Options.DEFAULT.calibImages();

    @Option(names = "--eval-images", paramLabel = "N", description = "Test images for the accuracy checks "
            + "(default: ${DEFAULT-VALUE}).")
    int evalImages = 500;

    @Option(names = "--reset", paramLabel = "subtract|zero", description = "Neuron reset (default: subtract where the "
            + "target runs it).")
    String reset;

    @Option(names = "--phase-copies", paramLabel = "K", description = "Split every activation channel into K neurons "
            + "started at staggered potentials (what keeps neurons that reset to zero accurate; ADR 0029). Costs K times "
            + "the neurons and up to K² times the synapses (default: ${DEFAULT-VALUE}, no copies).")
    int phaseCopies = 1;

    @Option(names = "--seed", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Reuse OUTDIR/model.snn and OUTDIR/model.fx from an earlier run when they "
            + "were made with the same settings (refused, naming every difference, otherwise).")
    boolean resume;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Mixin
    SparkOptions spark;

    @Mixin
    FixedPointOptions fixedPoint;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTDIR", description = "Output directory (default: "
            + "out/<model>-<target>).")
    Path out;

    @Option(names = "--energy-images", paramLabel = "N", description = "Test images simulated for the energy estimate "
            + "(default: ${DEFAULT-VALUE}).")
    int energyImages = 100;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (model == null || !model.toString().endsWith(".fx")) {
            return new CompileMain(this).run();
        }
        if (out == null) {
            throw DataOptions.badOption("-o OUTDIR is required when compiling a .fx file");
        }
        data.refuseOverrides(model + " is fixed point: its first layer reads raw pixel bytes with the preprocessing folded in");
        data.refuseLimit("--energy-images N");
        if (spark.enabled()) {
            throw DataOptions.badOption("--spark runs compile's evaluation stages, which compiling a .fx file does not have; "
                    + "use snnc simulate " + model + " --spark " + spark.master);
        }
        FxNetwork fx = FxFile.read(model);
        Backend backend = Backends.installed().forTarget(fx.target());
        BackendDriver.Result r = BackendDriver.compile(backend, fx, backendOptions());
        BackendReport report = r.emission().report();
        StringBuilder text = new StringBuilder(report.text());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.toString());
        json.put("output", out.toString());
        json.put("backend", backend.id());
        json.put("report", report.details());
        energy(r.legal()).ifPresent(e -> {
            json.put("energy", e);
            text.append(energyLine(e)).append('\n');
        });
        Map<String, byte[]> files = new java.util.TreeMap<>(r.emission().files());
        files.put("report.json", OutputOptions.toJson(json).getBytes(StandardCharsets.UTF_8));
        files.put("report.txt", text.toString().getBytes(StandardCharsets.UTF_8));
        AtomicOutput.writeAll(out, files);
        PrintWriter o = spec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(o, json);
        } else {
            o.print(text);
            o.println("wrote " + files.size() + " files to " + out + ": " + String.join(", ", files.keySet()));
        }
        return Main.EXIT_OK;
    }

    /** The energy estimate from simulating {@code --energy-images} test images, where the target has energy figures. */
    private java.util.Optional<EnergyEstimate> energy(FxNetwork legal) {
        if (energyImages <= 0 || legal.target().energy().synapticOpPj() <= 0) {
            return java.util.Optional.empty();
        }
        ImageSet images = data.load("test", DataExpectation.of(legal));
        images = images.first(Math.min(energyImages, images.size()));
        SimulationResult sim;
        try (Progress progress = Progress.start("energy", images.size(), "img", output.showProgress())) {
            sim = new FxSimulator(legal).run(images, progress.reporter());
        }
        return EnergyEstimate.of(sim, legal.target());
    }

    static String energyLine(EnergyEstimate e) {
        return String.format(java.util.Locale.ROOT, "per inference: %.3g synaptic ops, %.3g neuron updates, %.3g spikes, "
                + "%.1f uJ (%s)", e.synapticOpsPerImage(), e.neuronUpdatesPerImage(), e.spikesPerImage(),
                e.microjoulesPerImage(), e.source());
    }

    /** The installed backends' own options as given on this command line (added to the command by {@link Main}). */
    BackendOptions backendOptions() {
        Map<String, String> values = new java.util.TreeMap<>();
        for (Backend b : Backends.installed().all()) {
            for (dev.snnc.ir.backend.BackendOption o : b.options()) {
                picocli.CommandLine.Model.OptionSpec opt = spec.findOption(o.name());
                Object v = opt == null ? null : opt.getValue();
                if (v != null) {
                    values.put(o.name(), v.toString());
                }
            }
        }
        return new BackendOptions(values);
    }
}
