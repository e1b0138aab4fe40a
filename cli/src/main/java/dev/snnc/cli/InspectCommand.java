package dev.snnc.cli;

import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphStats;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code snnc inspect MODEL}: the layer table after import and BatchNorm folding; for a calibrated
 * SNN (.snn, or a NIR file snnc wrote) also T, the input coding, how it was calibrated and each
 * population's neuron (threshold range, reset rule, fire ratios).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Print the layer table of a model: op, output shape, parameters, MACs and ONNX origin.",
            "For a calibrated SNN (.snn or .nir from snnc) also T, the input coding, the calibration's provenance "
                + "and each population's thresholds, reset rule and fire ratios.",
            "For a fixed-point model (.fx, a Loihi netlist.json or an FPGA parameter directory) the target's neuron, "
                + "T and steps per image, and each population's integer thresholds, weights, exponents and synapses."},
        footer = {"", "Examples:", "  ./snnc inspect models/mobilenet-fashion.onnx",
            "  ./snnc inspect models/mobilenet-fashion.onnx --json", "  ./snnc inspect models/mobilenet-fashion.onnx --dump-ir",
            "  ./snnc inspect mobilenet-loihi2.fx           (from the snnc quantize examples)",
            "  ./snnc inspect out/loihi2/netlist.json --json (from the snnc compile examples)"})
final class InspectCommand implements java.util.concurrent.Callable<Integer> {
    @Mixin
    ModelArgument model;

    @Mixin
    OutputOptions output;

    @Option(names = "--dump-ir", description = "Print the canonical IR text instead of the table.")
    boolean dumpIr;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        java.util.Optional<dev.snnc.ir.fx.FxNetwork> fixedPoint = FixedPointModels.readIfFixedPoint(model.model);
        if (fixedPoint.isPresent()) {
            if (dumpIr) {
                throw DataOptions.badOption("--dump-ir prints a graph's IR; " + model.model
                        + " is a fixed-point model, which inspect prints as a population table");
            }
            if (output.json) {
                OutputOptions.printJson(out, FxSummary.toJson(fixedPoint.get()));
            } else {
                FxSummary.print(fixedPoint.get(), out);
            }
            return Main.EXIT_OK;
        }
        boolean calibrated = CalibratedModels.recognizes(model.model);
        dev.snnc.formats.CalibratedSnn snn = calibrated ? CalibratedModels.read(model.model) : null;
        Graph g = calibrated ? snn.graph() : model.load();
        if (dumpIr) {
            out.print(g);
        } else if (output.json) {
            Map<String, Object> m = toJson(g);
            if (calibrated) {
                m.put("snn", SnnSummary.toJson(snn));
            }
            OutputOptions.printJson(out, m);
        } else {
            if (calibrated) {
                SnnSummary.print(snn, out);
            }
            printTable(g, out);
        }
        return Main.EXIT_OK;
    }

    static Map<String, Object> toJson(Graph g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", g.name());
        m.put("input_shape", g.inputShape().dims());
        m.put("output_shape", g.outputShape().dims());
        m.put("params", GraphStats.totalParams(g));
        m.put("macs", GraphStats.totalMacs(g));
        Map<String, Object> pre = new LinkedHashMap<>();
        pre.put("stored", g.preprocessing().isPresent());
        pre.put("value", g.preprocessing().orElse(dev.snnc.ir.Preprocessing.UNIT_SCALE).format());
        m.put("preprocessing", pre);
        m.put("layers", GraphStats.rows(g).stream().map(r -> {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("name", r.name());
            l.put("op", r.kind());
            l.put("output_shape", r.outputShape().dims());
            l.put("params", r.params());
            l.put("macs", r.macs());
            l.put("origin", new java.util.TreeMap<>(Map.of("name", r.origin().sourceName(), "op", r.origin().sourceOp())));
            return l;
        }).toList());
        return m;
    }

    private static void printTable(Graph g, PrintWriter out) {
        out.printf(Locale.ROOT, "model %s: input %s -> output %s%n", g.name(), g.inputShape(), g.outputShape());
        out.println(g.preprocessing().map(p -> "preprocessing " + p.format() + " (stored in the model)")
                .orElse("preprocessing none stored: commands assume " + dev.snnc.ir.Preprocessing.UNIT_SCALE.format()
                        + " (pixels to [0,1]); give --scale/--mean/--std if the model was trained otherwise"));
        String fmt = "%-18s %-14s %-14s %10s %12s  %s%n";
        out.printf(Locale.ROOT, fmt, "layer", "op", "output", "params", "MACs", "origin");
        List<GraphStats.Row> rows = GraphStats.rows(g);
        for (GraphStats.Row r : rows) {
            out.printf(Locale.ROOT, fmt, r.name(), r.kind(), r.outputShape(), r.params(), r.macs(),
                    r.origin().sourceOp() + " " + r.origin().sourceName());
        }
        out.printf(Locale.ROOT, "total: %d layers, %d parameters, %d MACs per image%n", rows.size(),
                GraphStats.totalParams(g), GraphStats.totalMacs(g));
    }
}
