package dev.snnc.backend.loihi.netlist;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.backend.loihi.mapping.CoreMap;
import dev.snnc.backend.loihi.mapping.LavaOrder;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.formats.FxFile;
import java.io.IOException;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Writes a legalized, core-mapped network as a Lava netlist. Arrays are on one line, keys in a
 * fixed order, provenance sorted: the same input gives the same bytes.
 */
public final class NetlistWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NetlistWriter() {
    }

    public static byte[] toBytes(FxNetwork net, CoreMap cores, int pipelineLatency) {
        TargetSpec.Arithmetic a = net.target().arithmetic();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", Netlist.FORMAT);
        root.put("version", Netlist.VERSION);
        root.put("name", net.name());
        root.set("target", FxFile.target(net.target()));
        ObjectNode timing = root.putObject("timing");
        timing.put("timesteps", net.timesteps());
        timing.put("pipeline_latency", pipelineLatency);
        timing.put("steps", net.timesteps() + pipelineLatency);
        timing.put("readout_from_step", pipelineLatency);
        ObjectNode prov = root.putObject("provenance");
        new TreeMap<>(net.provenance()).forEach(prov::put);
        root.set("input", dev.snnc.formats.HostInputJson.of(net));
        ArrayNode pops = root.putArray("populations");
        ArrayNode syn = root.putArray("synapses");
        for (FxPopulation p : net.populations()) {
            pops.add(population(p, a, cores));
            for (FxSynapses g : p.inputs()) {
                syn.add(synapses(g, p.name(), p.shape(), a));
            }
        }
        ObjectNode readout = root.putObject("readout");
        readout.set("shape", ints(net.readout().shape().dims()));
        readout.set("bias", longs(net.readout().bias()));
        for (FxSynapses g : net.readout().inputs()) {
            syn.add(synapses(g, "readout", net.readout().shape(), a));
        }
        root.put("chips", cores.chips());
        root.put("cores", cores.cores().size());
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            JSON.writer(new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance))
                    .writeValue(out, root);
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise netlist", e);
        }
    }

    private static ObjectNode population(FxPopulation p, TargetSpec.Arithmetic a, CoreMap cores) {
        ObjectNode o = JSON.createObjectNode();
        boolean subtract = a.reset() == TargetSpec.Reset.SUBTRACT;
        o.put("name", p.name());
        o.put("process", subtract ? Netlist.SUBTRACTIVE_LIF : Netlist.LIF);
        o.set("shape", ints(p.shape().dims()));
        o.set("lava_shape", ints(LavaOrder.lavaShape(p.shape())));
        o.put("du", 4095);
        o.put("dv", 0);
        long[] th = p.threshold();
        if (subtract) {
            o.set("vth", longs(th));
        } else {
            if (Arrays.stream(th).distinct().count() != 1) {
                throw problem("population " + p.name() + " has per-channel thresholds " + Arrays.toString(th)
                        + "; Lava's LIF takes one vth (quantize for this target again)");
            }
            o.put("vth", th[0]);
        }
        long[] bias = LavaOrder.toLava(p.shape(), p.bias());
        long[] mant = new long[bias.length];
        long[] exp = new long[bias.length];
        for (int k = 0; k < bias.length; k++) {
            int e = BiasCode.exponent(bias[k], a);
            if (e < 0) {
                throw problem("population " + p.name() + " neuron " + k + ": bias " + bias[k] + " is not a "
                        + a.biasBits() + "-bit mantissa shifted by 0.." + a.biasExponentMax());
            }
            exp[k] = e;
            mant[k] = bias[k] >> e;
        }
        o.set("bias_mant", longs(mant));
        o.set("bias_exp", longs(exp));
        o.set("v_init", longs(LavaOrder.toLava(p.shape(), p.initialV())));
        ArrayNode rs = o.putArray("cores");
        for (CoreMap.Range r : cores.ranges().get(p.name())) {
            rs.add(ints(new int[] {r.core(), r.chip(), r.start(), r.end()}));
        }
        return o;
    }

    private static ObjectNode synapses(FxSynapses g, String target, Shape targetShape, TargetSpec.Arithmetic a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", g.source() + "->" + target);
        o.put("source", g.source());
        o.put("target", target);
        if (g.pool() != null || g.globalPool() || g.kind() == FxSynapses.Kind.IDENTITY) {
            throw new IllegalArgumentException("netlists hold legalized networks only: " + g);
        }
        checkRange(g, target, a);
        if (g.kind() == FxSynapses.Kind.DENSE) {
            o.put("process", "Dense");
            o.set("weight_shape", ints(g.weightShape()));
            o.put("num_weight_bits", a.weightBits());
            o.put("sign_mode", "mixed");
            o.put("weight_exp", g.weightExp() - LavaWeights.denseShift(a.weightBits()));
            o.set("weights", ints(LavaWeights.denseToLava(g, targetShape, a.weightBits())));
            return o;
        }
        Window2d w = g.window();
        if (w.padding().top() != w.padding().bottom() || w.padding().left() != w.padding().right() || w.ceilMode()) {
            throw problem("synapses " + g.source() + " -> " + target + ": Lava's Conv pads symmetrically; padding "
                    + w.padding() + " is not");
        }
        if (g.weightExp() != 0 && !a.convUsesExponent()) {
            throw problem("synapses " + g.source() + " -> " + target + ": Lava's Conv ignores weight exponents; got "
                    + g.weightExp());
        }
        int[] ws = g.weightShape();
        o.put("process", "Conv");
        o.set("input_shape", ints(LavaOrder.lavaShape(g.sourceShape())));
        o.set("output_shape", ints(LavaOrder.lavaShape(targetShape)));
        o.set("weight_shape", ints(new int[] {ws[0], ws[3], ws[2], ws[1]}));
        o.set("kernel_size", ints(new int[] {w.kernelW(), w.kernelH()}));
        o.set("stride", ints(new int[] {w.strideW(), w.strideH()}));
        o.set("padding", ints(new int[] {w.padding().left(), w.padding().top()}));
        o.set("dilation", ints(new int[] {w.dilationW(), w.dilationH()}));
        o.put("groups", g.groups());
        if (g.weightExp() != 0) {
            o.put("weight_exp", g.weightExp()); // Loihi 1's per-synapse exponent; absent (0) for Lava's Conv
        }
        o.set("weights", ints(LavaWeights.convToLava(g.weights(), ws)));
        return o;
    }

    private static void checkRange(FxSynapses g, String target, TargetSpec.Arithmetic a) {
        long max = a.maxWeight();
        for (int w : g.weights()) {
            if (Math.abs((long) w) > max) {
                throw problem("synapses " + g.source() + " -> " + target + ": weight " + w + " exceeds the "
                        + a.weightBits() + "-bit range ±" + max + " (after folding pooling)");
            }
        }
    }


    /*
     * Arrays go into the tree as one POJO node each, written by databind's array serializer when the
     * tree is written (same bytes as a node per element): a 224x224 MobileNetV1's netlist holds tens
     * of millions of numbers, and a node per number took gigabytes.
     */
    static JsonNode ints(int[] values) {
        return JSON.getNodeFactory().pojoNode(values.clone());
    }

    static JsonNode longs(long[] values) {
        return JSON.getNodeFactory().pojoNode(values.clone());
    }

    /** A value the legality pass should have reported: a bug in the backend, not in the user's model. */
    static IllegalStateException problem(String message) {
        return new IllegalStateException("netlist printer met an illegal value (run LoihiLegality first): " + message);
    }
}
