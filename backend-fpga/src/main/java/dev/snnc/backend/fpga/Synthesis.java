package dev.snnc.backend.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Synthesizes an engine build with Yosys and counts what it needs. {@code xc7}: {@code synth_xilinx}
 * for 7-series (LUTs, flip-flops, block RAM, DSP48E1), out of context (no I/O buffers: the engine is
 * a core inside the user's design); {@code generic}: Yosys's generic gate library, memories left as
 * memory macros (there is no generic block RAM); {@code ice40}: {@code synth_ice40} of the engine
 * inside a narrow-pin wrapper (rtl/snn_timing_top.v), then place and route with
 * {@code nextpnr-ice40} on an iCE40 HX8K for a timing estimate (small nets only: the device has
 * 7,680 logic cells and 128 Kb of block RAM). Either way the design is checked
 * ({@code check -assert}: no combinational loops, no undriven or multiply driven nets) and latches
 * are counted (the engine must have none). Runs in a temporary directory holding only the files
 * snnc generated.
 */
public final class Synthesis {
    /** The Yosys flows snnc runs. */
    public enum Flow {
        XC7("synth_xilinx -top snn_engine -family xc7 -flatten -noiopad"),
        GENERIC("synth -top snn_engine -flatten -run begin:fine; opt -fast; techmap; opt -fast; abc -fast; opt_clean"),
        ICE40("synth_ice40 -top snn_timing_top -json engine.json");

        final String script;

        Flow(String script) {
            this.script = script;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the netlist uses. LUTs count logic LUTs plus LUTs used as distributed RAM or shift
     * registers; block RAM in 36 Kb blocks (an 18 Kb block is half).
     */
    public record Resources(String flow, long luts, long lutsAsMemory, long flipFlops, double bram36, long dsp,
                            long memoryMacros, long latches, Map<String, Long> cells, double seconds, Timing timing) {
    }

    /** nextpnr's estimate after place and route: the highest clock the routed design meets, on one device. */
    public record Timing(String device, long logicCells, long logicCellCapacity, double maxMhz) {
    }

    static final String ICE40_DEVICE = "iCE40 HX8K (ct256)";

    /** A device's budget, from its data sheet (Xilinx DS180 for 7-series). */
    public record Device(String name, long luts, long flipFlops, double bram36, long dsp) {
    }

    /** One device's fit: each resource's use as a fraction of the budget. */
    public record Fit(String device, boolean fits, double lutShare, double flipFlopShare, double bramShare, double dspShare) {
    }

    public static final List<Device> XC7_DEVICES = List.of(
            new Device("Artix-7 XC7A35T", 20_800, 41_600, 50, 90),
            new Device("Zynq-7020 XC7Z020", 53_200, 106_400, 140, 220),
            new Device("Artix-7 XC7A100T", 63_400, 126_800, 135, 240),
            new Device("Artix-7 XC7A200T", 134_600, 269_200, 365, 740),
            new Device("Kintex-7 XC7K325T", 203_800, 407_600, 445, 840));

    /** LUTs per distributed-RAM or shift-register primitive. */
    private static final Map<String, Integer> LUT_MEMORY = Map.of("RAM32M", 4, "RAM64M", 4, "RAM32X1D", 2, "RAM64X1D", 2,
            "RAM128X1D", 4, "RAM256X1S", 4, "RAM128X1S", 2, "RAM64X1S", 1, "SRL16E", 1, "SRLC32E", 1);

    private Synthesis() {
    }

    /** Empty when {@code yosys} is on the PATH, else why not. */
    public static Optional<String> unavailable() {
        return ExternalTools.missing("yosys", "yosys");
    }

    /** Synthesizes {@code files} (an emitted parameter directory's contents) with {@code flow}. */
    public static Resources run(Flow flow, Map<String, byte[]> files, long timeoutMinutes) {
        Path work = null;
        try {
            work = Files.createTempDirectory("snnc-synth");
            for (var f : files.entrySet()) {
                if (f.getKey().endsWith(".mem") || f.getKey().endsWith(".v") || f.getKey().endsWith(".vh")) {
                    Files.write(work.resolve(f.getKey()), f.getValue());
                }
            }
            String sources = "snn_ram.v snn_engine.v" + (flow == Flow.ICE40 ? " snn_timing_top.v" : "");
            if (flow == Flow.ICE40) {
                Files.write(work.resolve("snn_timing_top.v"), ParameterFiles.rtl("snn_timing_top.v"));
            }
            String script = "read_verilog -I. " + sources + "\n" + flow.script.replace("; ", "\n") + "\n"
                    + "check -assert\n" + "tee -q -o stat.json stat -json\n";
            Files.writeString(work.resolve("synth.ys"), script);
            long started = System.nanoTime();
            Process p = new ProcessBuilder("yosys", "-q", "-l", "yosys.log", "synth.ys").directory(work.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("yosys " + flow.id() + " did not finish in " + timeoutMinutes + " min");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("yosys " + flow.id() + " failed:\n" + tail(out + readLog(work), 30));
            }
            Timing timing = flow == Flow.ICE40 ? placeAndRoute(work, timeoutMinutes) : null;
            double seconds = (System.nanoTime() - started) / 1e9;
            return resources(flow, new ObjectMapper().readTree(work.resolve("stat.json").toFile()), seconds, timing);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (work != null) {
                ExternalTools.deleteTree(work);
            }
        }
    }

    /** nextpnr-ice40 on the synthesized wrapper; a design too large for the device is reported with its size. */
    private static Timing placeAndRoute(Path work, long timeoutMinutes) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nextpnr-ice40", "--hx8k", "--package", "ct256", "--json", "engine.json",
                "--pcf-allow-unconstrained", "--freq", "10", "--seed", "1").directory(work.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("nextpnr-ice40 did not finish in " + timeoutMinutes + " min");
        }
        java.util.regex.Matcher lc = java.util.regex.Pattern.compile("ICESTORM_LC:\\s+(\\d+)/\\s*(\\d+)").matcher(out);
        if (!lc.find()) {
            throw new IllegalStateException("nextpnr-ice40 printed no utilisation:\n" + tail(out, 20));
        }
        long used = Long.parseLong(lc.group(1));
        long capacity = Long.parseLong(lc.group(2));
        if (p.exitValue() != 0) {
            throw new IllegalStateException("nextpnr-ice40 could not place the engine on the " + ICE40_DEVICE + " (" + used
                    + " of " + capacity + " logic cells):\n" + tail(out, 5));
        }
        java.util.regex.Matcher f = java.util.regex.Pattern.compile("Max frequency for clock '[^']*': ([0-9.]+) MHz")
                .matcher(out);
        double mhz = -1;
        while (f.find()) {
            mhz = Double.parseDouble(f.group(1)); // the last report is after routing
        }
        if (mhz < 0) {
            throw new IllegalStateException("nextpnr-ice40 printed no maximum frequency:\n" + tail(out, 20));
        }
        return new Timing(ICE40_DEVICE, used, capacity, mhz);
    }

    /** Empty when nextpnr-ice40 is on the PATH, else why not. */
    static Optional<String> placerUnavailable() {
        return ExternalTools.missing("nextpnr-ice40", "nextpnr-ice40");
    }

    static Resources resources(Flow flow, JsonNode stat, double seconds, Timing timing) {
        JsonNode design = stat.path("design");
        Map<String, Long> cells = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = design.path("num_cells_by_type").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            cells.put(e.getKey(), e.getValue().asLong());
        }
        long luts = 0;
        long lutMemory = 0;
        long ffs = 0;
        double bram = 0;
        long dsp = 0;
        long latches = 0;
        long memories = 0;
        for (Map.Entry<String, Long> c : cells.entrySet()) {
            String t = c.getKey();
            long n = c.getValue();
            if (t.matches("LUT[1-6]")) {
                luts += n;
            } else if (LUT_MEMORY.containsKey(t)) {
                lutMemory += n * LUT_MEMORY.get(t);
            } else if (t.matches("FD[RSCP]E(_1)?") || t.startsWith("SB_DFF")) {
                ffs += n;
            } else if (t.startsWith("RAMB36")) {
                bram += n;
            } else if (t.startsWith("RAMB18")) {
                bram += n / 2.0;
            } else if (t.equals("SB_RAM40_4K")) {
                bram += n * 4.0 / 36; // 4 Kb blocks, counted in 36 Kb units
            } else if (t.startsWith("DSP48") || t.equals("SB_MAC16")) {
                dsp += n;
            } else if (t.matches("LD[CP]E(_1)?") || t.startsWith("$_DLATCH") || t.equals("$dlatch") || t.equals("$adlatch")) {
                latches += n;
            } else if (t.matches("\\$_[A-Z]*DFF[A-Z0-9_]*")) {
                ffs += n; // generic flip-flops
            } else if (t.equals("$mem_v2")) {
                memories += n; // generic flow: memory macros
            }
        }
        return new Resources(flow.id(), luts + lutMemory, lutMemory, ffs, bram, dsp, memories, latches, cells, seconds, timing);
    }

    /** The fit on each named device (7-series flow only). */
    public static List<Fit> fits(Resources r) {
        return XC7_DEVICES.stream().map(d -> {
            double l = r.luts() / (double) d.luts();
            double f = r.flipFlops() / (double) d.flipFlops();
            double b = r.bram36() / d.bram36();
            double s = r.dsp() / (double) d.dsp();
            return new Fit(d.name(), l <= 1 && f <= 1 && b <= 1 && s <= 1, l, f, b, s);
        }).toList();
    }

    /** A short text table: resources, then each device's shares. */
    public static String describe(Resources r) {
        if (r.timing() != null) {
            Timing t = r.timing();
            return String.format(Locale.ROOT, "yosys ice40 + nextpnr-ice40: %,d of %,d logic cells on the %s; estimated "
                    + "maximum clock %.1f MHz after place and route (an estimate for that device, not for 7-series)%n",
                    t.logicCells(), t.logicCellCapacity(), t.device(), t.maxMhz());
        }
        StringBuilder s = new StringBuilder(r.flow().equals(Flow.XC7.id()) ? String.format(Locale.ROOT,
                "yosys xc7: %,d LUTs (%,d as memory), %,d flip-flops, %.1f BRAM36, %,d DSP48E1, %d latches (%.0f s)%n",
                r.luts(), r.lutsAsMemory(), r.flipFlops(), r.bram36(), r.dsp(), r.latches(), r.seconds())
                : String.format(Locale.ROOT, "yosys generic: %,d cells, %,d flip-flops, %d memory macros, %d latches (%.0f s)%n",
                r.cells().values().stream().mapToLong(Long::longValue).sum(), r.flipFlops(), r.memoryMacros(), r.latches(),
                r.seconds()));
        if (r.flow().equals(Flow.XC7.id())) {
            for (Fit f : fits(r)) {
                s.append(String.format(Locale.ROOT, "  %-20s %-9s LUT %5.1f%%  FF %5.1f%%  BRAM %6.1f%%  DSP %5.1f%%%n",
                        f.device(), f.fits() ? "fits" : "too small", 100 * f.lutShare(), 100 * f.flipFlopShare(),
                        100 * f.bramShare(), 100 * f.dspShare()));
            }
        }
        return s.toString();
    }

    private static String readLog(Path work) {
        try {
            Path log = work.resolve("yosys.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(String s, int lines) {
        List<String> all = s.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
