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
                + "(default: ${DEFAULT-VALUE}).", "1"));
    }

    static int pe(BackendOptions o) {
        return (int) o.integer(PE, 1, MAX_PE).orElse(1L).longValue();
    }

    @Override
    public List<NetworkPass> legalization(BackendOptions options) {
        pe(options); // an out-of-range --pe is reported before any work
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
        FpgaReport report = FpgaReport.of(program, legal.target(), pe);
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
        return new Emission(files, new BackendReport(headline, text.toString(), report, figures,
                List.of(new BackendReport.Chart("FPGA memory", "Memory bits per layer", layers, mem, ""))));
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
