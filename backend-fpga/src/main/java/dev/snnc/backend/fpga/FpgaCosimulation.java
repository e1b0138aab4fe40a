package dev.snnc.backend.fpga;

import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.backend.Cosimulation;
import dev.snnc.ir.fx.FxNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The reference RTL of a parameter directory under Icarus Verilog or Verilator. */
final class FpgaCosimulation implements Cosimulation {
    /**
     * Simulated engine cycles per second on the bundled MobileNet at 64 PE (session 9's engine:
     * Verilator 3 images of 1.79e6 cycles in 27 s, Icarus 1 image of 9.0e5 cycles in 394 s).
     */
    static final double VERILATOR_CYCLES_PER_SECOND = 2.0e5;
    static final double ICARUS_CYCLES_PER_SECOND = 2.3e3;
    /** What "finishes in minutes" means when choosing the PE count. */
    static final double BUDGET_SECONDS = 180;
    static final List<Integer> PE_CHOICES = List.of(1, 2, 4, 8, 16, 32, 64);

    /** Verilator first: it compiles slower but simulates about a hundred times faster. */
    @Override
    public List<String> tools() {
        return List.of("verilator", "icarus");
    }

    @Override
    public Choice choose(String tool, Path dir, FxNetwork net, int images) {
        int written = ParameterReader.manifestPe(dir);
        EngineProgram program = EngineProgramBuilder.build(net);
        double speed = tool.equals("verilator") ? VERILATOR_CYCLES_PER_SECOND : ICARUS_CYCLES_PER_SECOND;
        int chosen = PE_CHOICES.get(PE_CHOICES.size() - 1);
        for (int pe : PE_CHOICES) {
            if (pe >= written && CycleModel.image(program, pe) * (double) images / speed <= BUDGET_SECONDS) {
                chosen = pe;
                break;
            }
        }
        chosen = Math.max(chosen, written);
        long cycles = CycleModel.image(program, chosen);
        return new Choice(chosen, String.format(Locale.ROOT, "%d PE (written for %d): %,d cycles per image, about %.0f s "
                + "for %d image(s) under %s; --pe N to choose", chosen, written, cycles, cycles * (double) images / speed,
                images, tool));
    }

    private static byte[] readRtl(Path file) {
        String name = file.getFileName().toString();
        if (!ParameterFiles.RTL.contains(name)) {
            throw BackendOptions.bad("--rtl " + file + ": the engine's RTL files are " + ParameterFiles.RTL);
        }
        return dev.snnc.formats.ArtifactFiles.read(file, true, what -> BackendOptions.bad("--rtl " + file + " " + what));
    }

    private static Cosim.Simulator simulator(String tool) {
        return switch (tool) {
            case "icarus" -> Cosim.Simulator.ICARUS;
            case "verilator" -> Cosim.Simulator.VERILATOR;
            default -> throw BackendOptions.bad("--simulator must be icarus or verilator, got '" + tool + "'");
        };
    }

    @Override
    public Optional<String> unavailable(String tool) {
        return Cosim.unavailable(simulator(tool));
    }

    @Override
    public Run run(String tool, Path dir, FxNetwork net, List<float[]> images, Integer parallelism, List<Path> userRtl) {
        int lanes = parallelism != null ? parallelism : ParameterReader.manifestPe(dir);
        if (lanes < 1 || lanes > FpgaBackend.MAX_PE) {
            throw BackendOptions.bad(String.format(Locale.ROOT, "--pe must be in 1..%d, got %d", FpgaBackend.MAX_PE, lanes));
        }
        // The directory is data: the engine runs on memories regenerated from the network its descriptors
        // describe, with the RTL shipped in snnc (or the files the user names), never the directory's Verilog.
        EngineProgram program = EngineProgramBuilder.build(net);
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>(ParameterFiles.write(net, program, lanes));
        for (Path rtl : userRtl) {
            files.put(rtl.getFileName().toString(), readRtl(rtl));
        }
        List<Cosim.ImageResult> rtl;
        try {
            rtl = Cosim.run(simulator(tool), files, images, (int) net.readout().shape().size(), net.populations().size());
        } catch (IllegalStateException e) {
            if (userRtl.isEmpty()) {
                throw e; // the shipped RTL failing is a bug, reported as one
            }
            throw BackendOptions.bad("--rtl " + userRtl + ": " + tool + " failed on it: " + e.getMessage().lines().limit(5)
                    .reduce((a, b) -> a + " | " + b).orElse(""));
        }
        long expected = CycleModel.image(program, lanes);
        return new Run(rtl.stream().map(r -> new ImageResult(r.cycles(), r.logits(), r.spikes())).toList(), expected, lanes);
    }
}
