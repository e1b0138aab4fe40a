package dev.snnc.backend.loihi;

import dev.snnc.backend.loihi.mapping.CoreMap;
import dev.snnc.backend.loihi.mapping.CoreMapper;
import dev.snnc.backend.loihi.netlist.NetlistReader;
import dev.snnc.backend.loihi.netlist.NetlistWriter;
import dev.snnc.ir.backend.ArtifactReader;
import dev.snnc.ir.backend.Backend;
import dev.snnc.ir.backend.BackendOption;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.backend.BackendReport;
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

/** Loihi 1 and 2 through Lava: fold pooling, check Lava's limits, map onto cores and chips, print the netlist. */
public final class LoihiBackend implements Backend {
    static final String NEURONS = "--neurons-per-core";
    static final String SYNAPSE_BITS = "--synapse-bits-per-core";
    static final String CORES = "--cores-per-chip";
    static final String CHIPS = "--max-chips";

    @Override
    public String id() {
        return "loihi";
    }

    @Override
    public String description() {
        return "Loihi 2 and Loihi 1 through Lava: core-mapped netlist.json and a Python loader";
    }

    @Override
    public List<TargetSpec> profiles() {
        return List.of(TargetProfiles.LOIHI2, TargetProfiles.LOIHI1);
    }

    @Override
    public List<BackendOption> options() {
        return List.of(new BackendOption(NEURONS, "N", "Loihi: neurons per core (default: the target's).", null),
                new BackendOption(SYNAPSE_BITS, "N", "Loihi: synapse memory bits per core (default: the target's).", null),
                new BackendOption(CORES, "N", "Loihi: cores per chip (default: the target's).", null),
                new BackendOption(CHIPS, "N", "Loihi: chips available, 0 = any (default: the target's).", null));
    }

    /** The target's core limits with the user's overrides. */
    public static TargetSpec.Limits limits(TargetSpec target, BackendOptions o) {
        TargetSpec.Limits l = target.limits();
        return new TargetSpec.Limits((int) o.integer(NEURONS, 0, Integer.MAX_VALUE).orElse((long) l.neuronsPerCore()).longValue(),
                (int) o.integer(CORES, 0, Integer.MAX_VALUE).orElse((long) l.coresPerChip()).longValue(),
                l.inputAxonsPerCore(), l.outputAxonsPerCore(),
                o.integer(SYNAPSE_BITS, 0, Long.MAX_VALUE).orElse(l.synapseMemoryBitsPerCore()),
                (int) o.integer(CHIPS, 0, Integer.MAX_VALUE).orElse((long) l.maxChips()).longValue());
    }

    @Override
    public List<NetworkPass> legalization(BackendOptions options) {
        List<NetworkPass> passes = new ArrayList<>();
        passes.add(new AnalogInputOnly("Loihi"));
        passes.addAll(LegalizationPass.convAndDenseOnly());
        passes.add(new LoihiLegality());
        passes.add(new CoreFit(options));
        return passes;
    }

    @Override
    public Emission emit(FxNetwork legal, BackendOptions options) {
        TargetSpec.Limits limits = limits(legal.target(), options);
        CoreMap cores = new CoreMapper(limits, legal.target().arithmetic().weightBits()).map(legal);
        byte[] netlist = NetlistWriter.toBytes(legal, cores, legal.pipelineLatency());
        ResourceReport report = ResourceReport.of(legal.target(), limits, cores, legal.timesteps(), legal.steps());
        StringWriter text = new StringWriter();
        report.print(new PrintWriter(text), limits);
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("cores", report.cores());
        figures.put("chips", report.chips());
        List<String> layers = report.layers().stream().map(ResourceReport.Layer::population).toList();
        List<BackendReport.Chart> charts = new ArrayList<>();
        charts.add(new BackendReport.Chart("Cores", "Cores per layer (" + report.cores() + " cores on " + report.chips()
                + " chips)", layers, Map.of("cores", report.layers().stream().mapToDouble(ResourceReport.Layer::cores)
                .toArray()), ""));
        if (limits.synapseMemoryBitsPerCore() > 0) {
            charts.add(new BackendReport.Chart("Cores", "Synapse memory use of each layer's fullest core (%)", layers,
                    Map.of("synapse memory", report.layers().stream().mapToDouble(l -> 100.0 * l.maxSynapseBits()
                            / limits.synapseMemoryBitsPerCore()).toArray()), "%"));
        }
        String headline = report.cores() + " cores on " + report.chips() + " chip(s), latency " + legal.steps() + " steps";
        return new Emission(Map.of("netlist.json", netlist), new BackendReport(headline, text.toString(),
                new Details(limits, report), figures, charts));
    }

    /** What report.json holds for this backend: the limits mapped against, then the resource report's fields. */
    public record Details(TargetSpec.Limits limits, @com.fasterxml.jackson.annotation.JsonUnwrapped ResourceReport report) {
    }

    @Override
    public Optional<ArtifactReader> reader() {
        return Optional.of(ArtifactReader.of(NetlistReader::looksLikeNetlist, NetlistReader::read));
    }
}
