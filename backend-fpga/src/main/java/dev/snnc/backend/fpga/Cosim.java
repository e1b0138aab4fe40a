package dev.snnc.backend.fpga;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs the reference RTL of a parameter directory under Icarus Verilog or Verilator, one image per
 * run: compiles {@code snn_engine.v} and its testbench once ({@code iverilog -g2005}, or
 * {@code verilator --binary --timing}), then for each image writes {@code image.mem} and runs the
 * simulation, parsing cycles, readout sums and per-population spike totals.
 */
public final class Cosim {
    /** The RTL simulators snnc can drive. */
    public enum Simulator {
        ICARUS("iverilog", "vvp"), VERILATOR("verilator");

        final List<String> tools;

        Simulator(String... tools) {
            this.tools = List.of(tools);
        }
    }

    /** What the RTL reported for one image. */
    public record ImageResult(long cycles, long[] logits, long[] spikes) {
    }

    private Cosim() {
    }

    /** Empty when {@code iverilog} and {@code vvp} are on the PATH, else why not. */
    public static Optional<String> unavailable() {
        return unavailable(Simulator.ICARUS);
    }

    /** Empty when the simulator's tools are on the PATH, else why not. */
    public static Optional<String> unavailable(Simulator sim) {
        for (String tool : sim.tools) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                found |= Files.isExecutable(Path.of(dir, tool));
            }
            if (!found) {
                return Optional.of(tool + " not found on PATH (Debian package "
                        + (sim == Simulator.ICARUS ? "iverilog" : "verilator") + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the engine on each image under {@code sim}, in a temporary directory this call creates and
     * deletes, holding exactly {@code files} (the parameter memories, {@code snn_params.vh} and the
     * RTL as snnc generates them; never files taken from an artifact directory, which are data).
     */
    public static List<ImageResult> run(Simulator sim, java.util.Map<String, byte[]> files, List<float[]> pixelBytes,
                                        int pe, int outputs, int populations) {
        Path work;
        try {
            work = Files.createTempDirectory("snnc-cosim");
            for (var f : files.entrySet()) {
                Files.write(work.resolve(f.getKey()), f.getValue());
            }
            String[] runCommand;
            if (sim == Simulator.ICARUS) {
                exec(work, "iverilog", "-g2005", "-o", "sim.vvp", "-Ptb.PE=" + pe, "-I", ".", "snn_engine.v",
                        "tb_snn_engine.v");
                runCommand = new String[] {"vvp", "-n", "sim.vvp"};
            } else {
                exec(work, "verilator", "--binary", "--timing", "-Wno-WIDTH", "-Wno-fatal", "-I.", "tb_snn_engine.v",
                        "snn_engine.v", "--top-module", "tb", "-GPE=" + pe, "-j", "2");
                runCommand = new String[] {"./obj_dir/Vtb"};
            }
            List<ImageResult> out = new ArrayList<>();
            for (float[] image : pixelBytes) {
                long[] bytes = new long[image.length];
                for (int i = 0; i < image.length; i++) {
                    bytes[i] = Math.round(image[i]);
                }
                Files.write(work.resolve("image.mem"), ParameterFiles.mem(bytes, 8));
                out.add(parse(exec(work, runCommand), outputs, populations));
            }
            deleteTree(work);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ImageResult parse(String stdout, int outputs, int populations) {
        long cycles = -1;
        long[] logits = new long[outputs];
        long[] spikes = new long[populations];
        for (String line : stdout.split("\n")) {
            String[] f = line.trim().split("\\s+");
            switch (f[0]) {
                case "CYCLES" -> cycles = Long.parseLong(f[1]);
                case "LOGIT" -> logits[Integer.parseInt(f[1])] = Long.parseLong(f[2]);
                case "SPIKES" -> {
                    int p = Integer.parseInt(f[1]);
                    if (p < populations) {
                        spikes[p] = Long.parseLong(f[2]);
                    }
                }
                default -> { }
            }
        }
        if (cycles < 0) {
            throw new IllegalStateException("the RTL simulation printed no cycle count:\n" + stdout);
        }
        return new ImageResult(cycles, logits, spikes);
    }

    private static String exec(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }
}
