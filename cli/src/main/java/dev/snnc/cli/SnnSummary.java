package dev.snnc.cli;

import dev.snnc.formats.CalibratedSnn;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code snnc inspect} adds for a calibrated SNN: T, coding, provenance and one line per population's neuron. */
final class SnnSummary {
    private SnnSummary() {
    }

    static Map<String, Object> toJson(CalibratedSnn snn) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("timesteps", snn.timesteps());
        m.put("encoding", snn.encoding().name().toLowerCase(Locale.ROOT));
        m.put("provenance", snn.provenance());
        m.put("populations", populations(snn.graph()).stream().map(n -> {
            IfNeuron f = (IfNeuron) n.op();
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("name", n.name());
            p.put("reset", f.model().reset().name().toLowerCase(Locale.ROOT));
            p.put("compare", f.model().comparison() == dev.snnc.ir.op.NeuronModel.Comparison.GREATER ? "gt" : "ge");
            p.put("thresholds", f.threshold().size());
            p.put("threshold_min", stats(f.threshold()).getMin());
            p.put("threshold_max", stats(f.threshold()).getMax());
            p.put("fire_ratio_min", stats(f.fireRatio()).getMin());
            p.put("fire_ratio_max", stats(f.fireRatio()).getMax());
            return p;
        }).toList());
        return m;
    }

    static void print(CalibratedSnn snn, PrintWriter out) {
        out.printf(Locale.ROOT, "calibrated SNN: T=%d, %s input coding%n", snn.timesteps(),
                snn.encoding().name().toLowerCase(Locale.ROOT));
        snn.provenance().forEach((k, v) -> out.printf(Locale.ROOT, "  %s: %s%n", k, v));
        String fmt = "%-18s %-8s %-3s %10s %21s  %s%n";
        out.printf(Locale.ROOT, fmt, "population", "reset", "cmp", "thresholds", "threshold range", "fire ratio");
        for (Node n : populations(snn.graph())) {
            IfNeuron f = (IfNeuron) n.op();
            out.printf(Locale.ROOT, fmt, n.name(), f.model().reset().name().toLowerCase(Locale.ROOT),
                    f.model().comparison() == dev.snnc.ir.op.NeuronModel.Comparison.GREATER ? ">" : ">=",
                    f.threshold().size(), range(f.threshold(), "%.4g"), range(f.fireRatio(), "%.3f"));
        }
        out.println();
    }

    private static List<Node> populations(Graph g) {
        return g.nodes().stream().filter(n -> n.op() instanceof IfNeuron).toList();
    }

    private static String range(Tensor t, String fmt) {
        java.util.DoubleSummaryStatistics v = stats(t);
        String lo = String.format(Locale.ROOT, fmt, v.getMin());
        String hi = String.format(Locale.ROOT, fmt, v.getMax());
        return lo.equals(hi) ? lo : lo + " .. " + hi;
    }

    private static java.util.DoubleSummaryStatistics stats(Tensor t) {
        java.util.DoubleSummaryStatistics v = new java.util.DoubleSummaryStatistics();
        for (float x : t.toArray()) {
            v.accept(x);
        }
        return v;
    }
}
