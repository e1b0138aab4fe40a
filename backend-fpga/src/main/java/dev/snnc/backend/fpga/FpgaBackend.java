package dev.snnc.backend.fpga;

import dev.snnc.ir.backend.ArtifactReader;
import dev.snnc.ir.backend.Backend;
import dev.snnc.ir.backend.BackendOption;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.backend.BackendReport;
import dev.snnc.ir.backend.Cosimulation;
import dev.snnc.ir.backend.Emission;
import dev.snnc.ir.backend.NetworkPass;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.legalize.AnalogInputOnly;
import dev.snnc.ir.fx.legalize.LegalizationPass;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** snnc's FPGA engine: fold pooling, check what the engine runs, print parameter memories and the reference RTL. */
public final class FpgaBackend implements Backend {
    static final String PE = "--pe";
    static final String SYNTH = "--synth";
    static final long SYNTH_TIMEOUT_MINUTES = 60;
    static final int MAX_PE = 4096;

    @Override
    public String id() {
        return "fpga";
    }

    @Override
    public String description() {
        return "snnc's FPGA engine: $readmemh parameter files, reference Verilog, co-simulation";
    }

    @Override
    public List<TargetSpec> profiles() {
        return List.of(TargetProfiles.FPGA);
    }

    @Override
    public List<BackendOption> options() {
        return List.of(new BackendOption(PE, "N", "FPGA: engine processing elements, output channels per batch "
                + "(default: ${DEFAULT-VALUE}).", "1"),
                new BackendOption(SYNTH, "FLOW", "FPGA: also synthesize the engine with Yosys and report its resources: "
                        + "xc7 (Xilinx 7-series, with the fit on named devices), generic, ice40 (place and route on an "
                        + "iCE40 HX8K for a timing estimate; small nets), or none (default: ${DEFAULT-VALUE}).",
                        "none"));
    }

    /** The synthesis flow asked for, or empty for none; an unknown name is reported before any work. */
    static Optional<Synthesis.Flow> synth(BackendOptions o) {
        String v = o.text(SYNTH).orElse("none");
        if (v.equals("none")) {
            return Optional.empty();
        }
        for (Synthesis.Flow f : Synthesis.Flow.values()) {
            if (f.id().equals(v)) {
                Synthesis.unavailable().ifPresent(why -> {
                    throw BackendOptions.bad(SYNTH + " " + v + ": " + why + "; install it with: apt-get install yosys");
                });
                if (f == Synthesis.Flow.ICE40) {
                    Synthesis.placerUnavailable().ifPresent(why -> {
                        throw BackendOptions.bad(SYNTH + " ice40: " + why + "; install it with: apt-get install nextpnr-ice40");
                    });
                }
                return Optional.of(f);
            }
        }
        throw BackendOptions.bad(SYNTH + " must be xc7, generic, ice40 or none, got '" + v + "'");
    }

    static int pe(BackendOptions o) {
        return (int) o.integer(PE, 1, MAX_PE).orElse(1L).longValue();
    }

    @Override
    public List<NetworkPass> legalization(BackendOptions options) {
        pe(options); // an out-of-range --pe or unknown --synth is reported before any work
        synth(options);
        List<NetworkPass> passes = new ArrayList<>();
        passes.add(new AnalogInputOnly("FPGA"));
        passes.addAll(LegalizationPass.convAndDenseOnly());
        passes.add(new FpgaLegality());
        return passes;
    }

    @Override
    public Emission emit(FxNetwork legal, BackendOptions options) {
        int pe = pe(options);
        EngineProgram program = EngineProgramBuilder.build(legal);
        Map<String, byte[]> files = ParameterFiles.write(legal, program, pe);
        FpgaReport report = FpgaReport.of(program, legal.target(), pe, (int) legal.inputShape().size(),
                (int) legal.readout().shape().size(), legal.populations().size());
        Optional<Synthesis.Flow> flow = synth(options);
        if (flow.isPresent()) {
            report = report.withSynthesis(Synthesis.run(flow.get(), files, SYNTH_TIMEOUT_MINUTES));
        }
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text));
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("fpga_cycles_per_image", report.cyclesPerImage());
        figures.put("fpga_weight_bits", report.totalWeightBits());
        List<String> layers = report.layers().stream().map(l -> l.kind() + " " + l.name()).toList();
        Map<String, double[]> mem = new LinkedHashMap<>();
        mem.put("weight bits", report.layers().stream().mapToDouble(FpgaReport.Layer::weightBits).toArray());
        mem.put("state bits", report.layers().stream().mapToDouble(FpgaReport.Layer::stateBits).toArray());
        String headline = String.format(java.util.Locale.ROOT, "%,d weight bits, %,d cycles per image at %d PE",
                report.totalWeightBits(), report.cyclesPerImage(), pe);
        List<BackendReport.Chart> charts = new ArrayList<>();
        charts.add(new BackendReport.Chart("FPGA memory", "Memory bits per layer", layers, mem, ""));
        if (report.synthesis() != null) {
            Synthesis.Resources r = report.synthesis();
            figures.put("fpga_luts", r.luts());
            figures.put("fpga_flip_flops", r.flipFlops());
            figures.put("fpga_bram36", r.bram36());
            figures.put("fpga_dsp", r.dsp());
            figures.put("fpga_latches", r.latches());
            if (r.timing() != null) {
                figures.put("fpga_estimated_mhz", r.timing().maxMhz());
            }
            headline += String.format(java.util.Locale.ROOT, "; yosys %s: %,d LUTs, %,d FFs, %.1f BRAM36, %d DSP", r.flow(),
                    r.luts(), r.flipFlops(), r.bram36(), r.dsp());
            if (!report.devices().isEmpty()) {
                Map<String, double[]> share = new LinkedHashMap<>();
                share.put("LUT", report.devices().stream().mapToDouble(f -> 100 * f.lutShare()).toArray());
                share.put("FF", report.devices().stream().mapToDouble(f -> 100 * f.flipFlopShare()).toArray());
                share.put("BRAM", report.devices().stream().mapToDouble(f -> 100 * f.bramShare()).toArray());
                share.put("DSP", report.devices().stream().mapToDouble(f -> 100 * f.dspShare()).toArray());
                charts.add(new BackendReport.Chart("FPGA fit", "Share of each device's resources (100% = full)",
                        report.devices().stream().map(Synthesis.Fit::device).toList(), share, "%"));
            }
        }
        return new Emission(files, new BackendReport(headline, text.toString(), report, figures, charts));
    }

    @Override
    public Optional<ArtifactReader> reader() {
        return Optional.of(ArtifactReader.of(ParameterReader::isParameterDirectory, ParameterReader::read));
    }

    @Override
    public Optional<Cosimulation> cosimulation() {
        return Optional.of(new FpgaCosimulation());
    }
}
