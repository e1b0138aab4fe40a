package dev.snnc.cli;

import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.target.TargetSpec;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;

/**
 * What {@code snnc inspect} prints for a fixed-point model (a .fx file, a Loihi netlist or an FPGA
 * parameter directory): the target's neuron and widths, T and the pipeline steps, and per
 * population the integer values a deployment depends on (threshold range, weight range and
 * exponents, synapse count), so that a coarse integer threshold or a saturated weight range is
 * visible without simulating.
 */
final class FxSummary {
    private FxSummary() {
    }

    static Map<String, Object> toJson(FxNetwork fx) {
        TargetSpec.Arithmetic a = fx.target().arithmetic();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", fx.name());
        m.put("target", fx.target().id());
        m.put("timesteps", fx.timesteps());
        m.put("steps_per_image", fx.steps());
        m.put("input_shape", fx.inputShape().dims());
        m.put("input_encoding", fx.inputEncoding().kind().name().toLowerCase(Locale.ROOT));
        m.put("reset", a.reset().name().toLowerCase(Locale.ROOT));
        m.put("compare", a.strictGreater() ? "gt" : "ge");
        m.put("weight_bits", a.weightBits());
        m.put("provenance", fx.provenance());
        m.put("populations", fx.populations().stream().map(p -> populationJson(p, inputsOf(fx, p))).toList());
        Map<String, Object> readout = new LinkedHashMap<>();
        readout.put("shape", fx.readout().shape().dims());
        readout.put("inputs", fx.readout().inputs().stream().map(FxSynapses::source).toList());
        readout.put("synapses", synapseCount(fx.readout().inputs()));
        m.put("readout", readout);
        return m;
    }

    static void print(FxNetwork fx, PrintWriter out) {
        TargetSpec.Arithmetic a = fx.target().arithmetic();
        out.printf(Locale.ROOT, "fixed-point model %s for %s: input %s (%s coding), T=%d, %d steps per image%n",
                fx.name(), fx.target().id(), fx.inputShape(), fx.inputEncoding().kind().name().toLowerCase(Locale.ROOT),
                fx.timesteps(), fx.steps());
        out.printf(Locale.ROOT, "neuron: reset %s, spike on v %s threshold; %d-bit weights%n",
                a.reset().name().toLowerCase(Locale.ROOT), a.strictGreater() ? ">" : ">=", a.weightBits());
        fx.provenance().forEach((k, v) -> out.printf(Locale.ROOT, "  %s: %s%n", k, v));
        String fmt = "%-18s %-14s %-24s %12s %15s %8s %9s %15s  %s%n";
        out.printf(Locale.ROOT, fmt, "population", "shape", "inputs", "synapses", "weights", "ch.|w|", "exponent",
                "threshold", "origin");
        for (FxPopulation p : fx.populations()) {
            List<FxSynapses> in = inputsOf(fx, p);
            out.printf(Locale.ROOT, fmt, p.name(), p.shape(), sources(in), synapseCount(in), range(weights(in)),
                    medianText(in), range(exponents(in)), range(stats(p.threshold())), p.origin().sourceName());
        }
        List<FxSynapses> in = fx.readout().inputs();
        out.printf(Locale.ROOT, fmt, "readout", fx.readout().shape(), sources(in), synapseCount(in),
                range(weights(in)), medianText(in), range(exponents(in)), "-", "");
        out.println("ch.|w|: the median over output channels of a channel's largest |weight|; a few units means "
                + "most channels use only a few of the weight bits");
    }

    private static Map<String, Object> populationJson(FxPopulation p, List<FxSynapses> in) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("origin", p.origin().sourceName());
        m.put("shape", p.shape().dims());
        m.put("inputs", in.stream().map(FxSynapses::source).toList());
        m.put("synapses", synapseCount(in));
        LongSummaryStatistics th = stats(p.threshold());
        m.put("threshold_min", th.getMin());
        m.put("threshold_max", th.getMax());
        LongSummaryStatistics w = weights(in);
        m.put("weight_min", w.getCount() == 0 ? null : w.getMin());
        m.put("weight_max", w.getCount() == 0 ? null : w.getMax());
        m.put("median_channel_max_abs_weight", in.isEmpty() ? null : medianChannelMaxAbs(in));
        return m;
    }

    /** The population's synapse groups, with the first layer's pixel synapses where it is driven by the image. */
    private static List<FxSynapses> inputsOf(FxNetwork fx, FxPopulation p) {
        List<FxSynapses> all = new java.util.ArrayList<>(p.inputs());
        for (FxInput i : fx.inputs()) {
            if (i.population().equals(p.name())) {
                all.add(i.synapses());
            }
        }
        return all;
    }

    private static String sources(List<FxSynapses> in) {
        return in.isEmpty() ? "-" : String.join(",", in.stream()
                .map(s -> s.source() + (s.kind() == FxSynapses.Kind.CONV && s.groups() > 1 ? "/g" + s.groups() : "")).toList());
    }

    private static long synapseCount(List<FxSynapses> in) {
        return in.stream().mapToLong(FxSynapses::weightCount).sum();
    }

    private static LongSummaryStatistics weights(List<FxSynapses> in) {
        LongSummaryStatistics v = new LongSummaryStatistics();
        for (FxSynapses s : in) {
            for (int i = 0; i < s.weightCount(); i++) {
                v.accept(s.weight(i));
            }
        }
        return v;
    }

    /**
     * The median over output channels of each channel's largest |weight| (over all its groups): one
     * integer threshold per population with outlier channels leaves most channels a few weight levels.
     */
    static long medianChannelMaxAbs(List<FxSynapses> in) {
        long[] perChannel = new long[in.get(0).weightShape()[0]]; // a population's groups all have its channels as rows
        for (FxSynapses s : in) {
            int per = s.weightCount() / perChannel.length;
            for (int i = 0; i < s.weightCount(); i++) {
                perChannel[i / per] = Math.max(perChannel[i / per], Math.abs((long) s.weight(i)));
            }
        }
        java.util.Arrays.sort(perChannel);
        return perChannel[perChannel.length / 2];
    }

    private static String medianText(List<FxSynapses> in) {
        return in.isEmpty() ? "-" : Long.toString(medianChannelMaxAbs(in));
    }

    private static LongSummaryStatistics exponents(List<FxSynapses> in) {
        LongSummaryStatistics v = new LongSummaryStatistics();
        in.forEach(s -> v.accept(s.weightExp()));
        return v;
    }

    private static LongSummaryStatistics stats(long[] values) {
        LongSummaryStatistics v = new LongSummaryStatistics();
        for (long x : values) {
            v.accept(x);
        }
        return v;
    }

    private static String range(LongSummaryStatistics v) {
        if (v.getCount() == 0) {
            return "-";
        }
        return v.getMin() == v.getMax() ? Long.toString(v.getMin()) : v.getMin() + ".." + v.getMax();
    }
}
