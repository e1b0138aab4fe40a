package dev.snnc.cli;

import dev.snnc.ir.backend.Backend;
import dev.snnc.ir.backend.Backends;
import dev.snnc.ir.backend.Cosimulation;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.simulator.FxSimulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snnc cosim OUTDIR}: run the reference RTL under Icarus Verilog and compare with the Java simulator. */
@Command(name = "cosim", mixinStandardHelpOptions = true,
        description = "Run the FPGA engine's reference RTL (shipped in snnc; Verilator when installed, else Icarus "
                + "Verilog) on the parameter directory's memories for test images and compare "
                + "readout sums, per-population spike totals and cycle counts with the Java simulator. Exit 1 on any "
                + "difference.",
        footer = {"", "Examples (out/fpga from the snnc compile examples):",
            "  ./snnc cosim out/fpga --limit 5 --data data/fashion-mnist-subset"})
final class CosimCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OUTDIR", description = "A directory written by snnc compile --target fpga.")
    Path dir;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Option(names = "--pe", paramLabel = "N", description = "PE count to simulate (default: the smallest, from the "
            + "manifest's up to 64, that finishes the images in about three minutes; the choice is printed).")
    Integer pe;

    @Option(names = "--simulator", paramLabel = "TOOL", description = "External simulator, e.g. icarus or verilator for "
            + "the FPGA RTL (default: the backend's first; Verilator compiles slower but runs the MobileNet in seconds).")
    String simulator;

    @Option(names = "--rtl", paramLabel = "FILE", description = "Use this engine source (snn_engine.v or "
            + "tb_snn_engine.v) instead of the one shipped in snnc; repeatable. The directory's own Verilog is never run.")
    List<Path> rtl;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Backend backend = Backends.installed().readerFor(dir).filter(b -> b.cosimulation().isPresent())
                .orElseThrow(() -> DataOptions.badOption(dir + " is not an artifact directory of a backend with "
                        + "co-simulation (backends: " + Backends.installed().all().stream().filter(b -> b.cosimulation()
                        .isPresent()).map(Backend::id).toList() + ")"));
        Cosimulation cosim = backend.cosimulation().orElseThrow();
        PrintWriter err = spec.commandLine().getErr();
        String tool = simulator != null ? simulator : cosim.tools().stream().filter(t -> cosim.unavailable(t).isEmpty())
                .findFirst().orElse(cosim.tools().get(0));
        if (simulator == null && !output.json) {
            err.println("cosim: " + tool + (cosim.unavailable(tool).isEmpty() ? " (the first installed of " + cosim.tools()
                    + "; --simulator to choose)" : ""));
        }
        if (!cosim.tools().contains(tool)) {
            throw DataOptions.badOption("--simulator must be one of " + cosim.tools() + ", got '" + tool + "'");
        }
        String missing = cosim.unavailable(tool).orElse(null);
        if (missing != null) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, "cannot co-simulate: "
                    + missing));
        }
        FxNetwork fx = backend.reader().orElseThrow().read(dir);
        data.refuseOverrides("co-simulation feeds raw pixel bytes to the engine");
        ImageSet images = data.load("test", DataExpectation.of(fx));
        if (pe == null) {
            Cosimulation.Choice choice = cosim.choose(tool, dir, fx, images.size());
            pe = choice.parallelism();
            if (!output.json) {
                err.println("cosim: " + choice.reason());
            }
        }
        List<float[]> pixels = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            pixels.add(images.batch(i, 1, Preprocessing.RAW_BYTES));
        }
        int pops = fx.populations().size();
        long t0 = System.nanoTime();
        Cosimulation.Run run = cosim.run(tool, dir, fx, pixels, pe, rtl == null ? List.of() : rtl);
        List<Cosimulation.ImageResult> rtl = run.images();
        double seconds = (System.nanoTime() - t0) / 1e9;
        long expectedCycles = run.expectedCycles();
        int lanes = run.parallelism();
        String simulator = tool;
        FxSimulator sim = new FxSimulator(fx);
        int readoutEqual = 0;
        int spikesEqual = 0;
        int cyclesEqual = 0;
        for (int i = 0; i < pixels.size(); i++) {
            long[] spikes = new long[pops];
            long[] logits = sim.trace(pixels.get(i), (t, p, s, n, u, v) -> spikes[p] += n);
            readoutEqual += Arrays.equals(logits, rtl.get(i).readout()) ? 1 : 0;
            spikesEqual += Arrays.equals(spikes, rtl.get(i).spikes()) ? 1 : 0;
            cyclesEqual += rtl.get(i).cycles() == expectedCycles ? 1 : 0;
        }
        int n = pixels.size();
        boolean ok = readoutEqual == n && spikesEqual == n && cyclesEqual == n;
        PrintWriter o = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("directory", dir.toString());
            m.put("images", n);
            m.put("pe", lanes);
            m.put("simulator", simulator);
            m.put("readout_equal", readoutEqual);
            m.put("spikes_equal", spikesEqual);
            m.put("cycles_equal", cyclesEqual);
            m.put("cycles_per_image", expectedCycles);
            m.put("rtl_seconds", seconds);
            m.put("match", ok);
            OutputOptions.printJson(o, m);
        } else {
            o.printf(Locale.ROOT, "%s, %d PE, %d images (RTL %.1f s): readout equal %d/%d, spike totals equal %d/%d, "
                    + "cycles equal %d/%d (%,d per image)%n", dir, lanes, n, seconds, readoutEqual, n, spikesEqual, n,
                    cyclesEqual, n, expectedCycles);
            o.println(ok ? "RTL and simulator agree exactly" : "MISMATCH between RTL and simulator");
        }
        return ok ? Main.EXIT_OK : Main.EXIT_CHECK_FAILED;
    }
}
