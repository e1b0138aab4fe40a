package dev.snnc.backend.loihi;

import dev.snnc.backend.loihi.mapping.CoreMap;
import dev.snnc.ir.target.TargetSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Cores and chips used, per-population core utilization (neurons, synapse bits, input and output
 * axons against the limits) and latency per inference (the CLI adds the energy estimate from a
 * simulation). Latency is given in time steps (T plus pipeline latency) and as the busiest core's
 * synapse count: no per-operation timing of Loihi is published, so no seconds are claimed.
 */
public record ResourceReport(String target, int chips, int cores, List<Layer> layers, int timesteps, int steps) {
    /** Per population: cores, and the fullest core's use of each limit. */
    public record Layer(String population, int cores, int maxNeurons, long maxSynapseBits, int maxInputAxons,
                        long maxOutputAxons) {
    }

    public static ResourceReport of(TargetSpec target, TargetSpec.Limits limits, CoreMap map, int timesteps, int steps) {
        Map<String, List<CoreMap.Core>> byPop = new LinkedHashMap<>();
        for (CoreMap.Core c : map.cores()) {
            byPop.computeIfAbsent(c.population(), k -> new ArrayList<>()).add(c);
        }
        List<Layer> layers = new ArrayList<>();
        byPop.forEach((name, cs) -> layers.add(new Layer(name, cs.size(),
                cs.stream().mapToInt(CoreMap.Core::neurons).max().orElse(0),
                cs.stream().mapToLong(CoreMap.Core::synapseBits).max().orElse(0),
                cs.stream().mapToInt(CoreMap.Core::inputAxons).max().orElse(0),
                cs.stream().mapToLong(CoreMap.Core::outputAxons).max().orElse(0))));
        return new ResourceReport(target.id(), map.chips(), map.cores().size(), layers, timesteps, steps);
    }

    public void print(PrintWriter out, TargetSpec.Limits limits) {
        out.printf(Locale.ROOT, "%s: %d cores on %d chip(s); latency %d steps (T=%d + %d pipeline)%n", target, cores, chips,
                steps, timesteps, steps - timesteps);
        out.printf(Locale.ROOT, "%-12s %6s %16s %22s %14s %14s%n", "population", "cores", "neurons/core",
                "synapse bits/core", "in axons", "out axons");
        for (Layer l : layers) {
            out.printf(Locale.ROOT, "%-12s %6d %8d (%3.0f%%) %12d (%3.0f%%) %6d (%s) %6d (%s)%n", l.population(), l.cores(),
                    l.maxNeurons(), pct(l.maxNeurons(), limits.neuronsPerCore()), l.maxSynapseBits(),
                    pct(l.maxSynapseBits(), limits.synapseMemoryBitsPerCore()), l.maxInputAxons(),
                    limitText(l.maxInputAxons(), limits.inputAxonsPerCore()), l.maxOutputAxons(),
                    limitText(l.maxOutputAxons(), limits.outputAxonsPerCore()));
        }
    }

    private static double pct(long v, long limit) {
        return limit == 0 ? 0 : 100.0 * v / limit;
    }

    private static String limitText(long v, long limit) {
        return limit == 0 ? "no limit" : String.format(Locale.ROOT, "%.0f%%", 100.0 * v / limit);
    }
}
