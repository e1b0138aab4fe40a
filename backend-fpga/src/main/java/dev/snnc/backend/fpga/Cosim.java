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
 * Runs the engine RTL of a parameter directory under Icarus Verilog or Verilator: compiles the
 * engine and its testbench ({@code iverilog -g2005}, or {@code verilator --binary --timing -Wall}),
 * writes every image into {@code image.mem} and runs them back to back in one simulation, parsing
 * each image's cycles, readout sums and per-population spike totals.
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
            Optional<String> missing = ExternalTools.missing(tool, sim == Simulator.ICARUS ? "iverilog" : "verilator");
            if (missing.isPresent()) {
                return missing;
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
                                        int outputs, int populations) {
        if (pixelBytes.isEmpty()) {
            return List.of();
        }
        Path work;
        try {
            work = Files.createTempDirectory("snnc-cosim");
            for (var f : files.entrySet()) {
                Files.write(work.resolve(f.getKey()), f.getValue());
            }
            String images = "IMAGES=" + pixelBytes.size();
            String[] runCommand;
            if (sim == Simulator.ICARUS) {
                exec(work, "iverilog", "-g2005", "-o", "sim.vvp", "-Ptb_snn_engine." + images, "-I", ".", "snn_ram.v", "snn_engine.v",
                        "tb_snn_engine.v");
                runCommand = new String[] {"vvp", "-n", "sim.vvp"};
            } else {
                exec(work, "verilator", "--binary", "--timing", "-Wall", "-Wno-fatal", "-I.", "tb_snn_engine.v", "snn_ram.v",
                        "snn_engine.v", "--top-module", "tb_snn_engine", "-G" + images, "-j", "2");
                runCommand = new String[] {"./obj_dir/Vtb_snn_engine"};
            }
            StringBuilder all = new StringBuilder();
            for (float[] image : pixelBytes) {
                for (float v : image) {
                    String h = Integer.toHexString(Math.round(v) & 0xff);
                    all.append(h.length() == 1 ? "0" : "").append(h).append('\n');
                }
            }
            Files.writeString(work.resolve("image.mem"), all);
            List<ImageResult> out = parse(exec(work, runCommand), outputs, populations);
            if (out.size() != pixelBytes.size()) {
                throw new IllegalStateException("the RTL simulation reported " + out.size() + " of " + pixelBytes.size()
                        + " images");
            }
            ExternalTools.deleteTree(work);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Per {@code IMAGE n} block: its cycle count, readout sums and spike totals. */
    private static List<ImageResult> parse(String stdout, int outputs, int populations) {
        List<ImageResult> out = new ArrayList<>();
        long cycles = -1;
        long[] logits = null;
        long[] spikes = null;
        for (String line : (stdout + "\nIMAGE end").split("\n")) {
            String[] f = line.trim().split("\\s+");
            switch (f[0]) {
                case "IMAGE" -> {
                    if (logits != null) {
                        if (cycles < 0) {
                            throw new IllegalStateException("the RTL simulation printed no cycle count:\n" + stdout);
                        }
                        out.add(new ImageResult(cycles, logits, spikes));
                    }
                    cycles = -1;
                    logits = new long[outputs];
                    spikes = new long[populations];
                }
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
        return out;
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
}
