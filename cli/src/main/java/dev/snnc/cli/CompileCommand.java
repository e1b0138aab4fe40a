package dev.snnc.cli;

import dev.snnc.backend.loihi.LoihiCompiler;
import dev.snnc.backend.loihi.ResourceReport;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.io.AtomicOutput;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.EnergyEstimate;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SimulationResult;
import dev.snnc.simulator.io.FxFile;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        footer = {"", "Examples:", "  ./snnc compile                      (bundled MobileNet and data, loihi2)",
            "  ./snnc compile model.onnx --target fpga --weight-bits 4 --pe 16 -o out/fpga4",
            "  ./snnc compile mobilenet-loihi2.fx -o out/loihi2",
            "  ./snnc compile mobilenet-loihi1.fx -o out/loihi1 --neurons-per-core 512",
            "  ./snnc simulate out/loihi2/netlist.json",
            "  ./snnc compile mobilenet-fpga.fx -o out/fpga --pe 8 && ./snnc cosim out/fpga --limit 5"})
final class CompileCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "MODEL", description = "An ONNX model (the whole pipeline; "
            + "default: the bundled MobileNet on the bundled data) or a .fx file from snnc quantize (backend only).")
    Path model;

    @Option(names = "--target", paramLabel = "loihi2|loihi1|fpga", description = "Target for an ONNX model "
            + "(default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--iterations", paramLabel = "N", description = "Integer recalibration iterations per layer "
            + "(default: ${DEFAULT-VALUE}).")
    int iterations = Quantizer.Options.DEFAULT.iterations();

    @Option(names = "--eval-images", paramLabel = "N", description = "Test images for the accuracy checks "
            + "(default: ${DEFAULT-VALUE}).")
    int evalImages = 500;

    @Option(names = "--weight-bits", paramLabel = "N", description = "Signed weight bits (default: the target's).")
    Integer weightBits;

    @Option(names = "--reset", paramLabel = "subtract|zero", description = "Loihi neuron reset (default: ${DEFAULT-VALUE}).")
    String reset = "subtract";

    @Option(names = "--seed", paramLabel = "N", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resume", description = "Reuse OUTDIR/model.snn and OUTDIR/model.fx from an earlier run.")
    boolean resume;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Option(names = {"-o", "--output"}, paramLabel = "OUTDIR", description = "Output directory (default: "
            + "out/<model>-<target>).")
    Path out;

    @Option(names = "--neurons-per-core", paramLabel = "N", description = "Override the profile's neurons per core.")
    Integer neuronsPerCore;

    @Option(names = "--synapse-bits-per-core", paramLabel = "N", description = "Override the synapse memory per core.")
    Long synapseBits;

    @Option(names = "--cores-per-chip", paramLabel = "N", description = "Override cores per chip.")
    Integer coresPerChip;

    @Option(names = "--max-chips", paramLabel = "N", description = "Override the number of chips available (0 = any).")
    Integer maxChips;

    @Option(names = "--pe", paramLabel = "N", description = "FPGA engine processing elements (output channels per "
            + "batch; default: ${DEFAULT-VALUE}).")
    int pe = 1;

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
        FxNetwork fx = FxFile.read(model);
        if (fx.target().id().equals("fpga")) {
            return compileFpga(fx);
        }
        TargetSpec.Limits limits = limits(fx.target().limits());
        LoihiCompiler.Result r = LoihiCompiler.compile(fx, limits);
        EnergyEstimate energy = null;
        if (energyImages > 0) {
            LabeledImages images = data.load("test");
            images = images.first(Math.min(energyImages, images.size()));
            SimulationResult sim;
            try (Progress progress = Progress.start("energy", images.size(), "img", output.showProgress())) {
                sim = new FxSimulator(r.legalized()).run(images, progress.reporter());
            }
            energy = EnergyEstimate.of(sim, fx.target()).orElse(null);
        }
        ResourceReport report = ResourceReport.of(fx.target(), limits, r.cores(), fx.timesteps(),
                fx.timesteps() + r.pipelineLatency(), energy);
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text), limits);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.toString());
        json.put("output", out.toString());
        json.put("limits", limits);
        json.put("report", report);
        return writeAndReport(Map.of("netlist.json", r.netlist()), json, text.toString(),
                "wrote " + out.resolve("netlist.json") + ", report.json, report.txt");
    }

    /** Writes the artifacts and both reports together, then prints the text or JSON report. */
    private Integer writeAndReport(Map<String, byte[]> artifacts, Map<String, Object> json, String text, String done) {
        Map<String, byte[]> files = new java.util.TreeMap<>(artifacts);
        files.put("report.json", OutputOptions.toJson(json).getBytes(StandardCharsets.UTF_8));
        files.put("report.txt", text.getBytes(StandardCharsets.UTF_8));
        AtomicOutput.writeAll(out, files);
        PrintWriter o = spec.commandLine().getOut();
        if (output.json) {
            OutputOptions.printJson(o, json);
        } else {
            o.print(text);
            o.println(done);
        }
        return Main.EXIT_OK;
    }

    private Integer compileFpga(FxNetwork fx) {
        if (pe < 1 || pe > 4096) {
            throw DataOptions.badOption("--pe must be in 1..4096, got " + pe);
        }
        dev.snnc.backend.fpga.FpgaCompiler.Result r = dev.snnc.backend.fpga.FpgaCompiler.compile(fx, pe);
        dev.snnc.backend.fpga.FpgaReport report = dev.snnc.backend.fpga.FpgaReport.of(r, fx.target(), pe);
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("model", model.toString());
        json.put("output", out.toString());
        json.put("report", report);
        return writeAndReport(r.files(), json, text.toString(), "wrote " + (r.files().size() + 2) + " files to " + out
                + " (manifest.json, *.mem, snn_params.vh, RTL, reports)");
    }

    TargetSpec.Limits limits(TargetSpec.Limits l) {
        TargetSpec.Limits out = new TargetSpec.Limits(neuronsPerCore != null ? neuronsPerCore : l.neuronsPerCore(),
                coresPerChip != null ? coresPerChip : l.coresPerChip(), l.inputAxonsPerCore(), l.outputAxonsPerCore(),
                synapseBits != null ? synapseBits : l.synapseMemoryBitsPerCore(), maxChips != null ? maxChips : l.maxChips());
        if (out.neuronsPerCore() < 0 || out.coresPerChip() < 0 || out.synapseMemoryBitsPerCore() < 0 || out.maxChips() < 0) {
            throw DataOptions.badOption("core limits must be >= 0, got " + out);
        }
        return out;
    }
}
