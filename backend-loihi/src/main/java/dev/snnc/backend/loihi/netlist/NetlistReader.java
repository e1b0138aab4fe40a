package dev.snnc.backend.loihi.netlist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.snnc.backend.loihi.mapping.LavaOrder;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.formats.FxFile;
import dev.snnc.formats.VersionedJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a netlist back into the (legalized) fixed-point network it was written from. */
public final class NetlistReader {

    private NetlistReader() {
    }

    public static boolean looksLikeNetlist(Path file) {
        return VersionedJson.names(file, Netlist.FORMAT);
    }

    public static FxNetwork read(Path file) {
        JsonNode root = VersionedJson.read(file, Netlist.FORMAT, Netlist.VERSION, "a Loihi netlist", what -> problem(file, what));
        FxNetwork net;
        try {
            net = parse(root);
        } catch (RuntimeException e) {
            throw problem(file, "is malformed: " + e.getMessage());
        }
        return FxFile.verified(net, "netlist " + file);
    }

    private static FxNetwork parse(JsonNode root) {
        TargetSpec target = FxFile.readTarget(req(root, "target"));
        TargetSpec.Arithmetic a = target.arithmetic();
        Map<String, List<FxSynapses>> byTarget = new HashMap<>();
        Map<String, Shape> shapes = new HashMap<>();
        for (JsonNode p : req(root, "populations")) {
            shapes.put(p.get("name").asText(), Shape.of(ints(req(p, "shape"))));
        }
        JsonNode readout = req(root, "readout");
        Shape readoutShape = Shape.of(ints(req(readout, "shape")));
        for (JsonNode s : req(root, "synapses")) {
            String t = req(s, "target").asText();
            Shape targetShape = t.equals("readout") ? readoutShape : shapes.get(t);
            Shape sourceShape = shapes.get(req(s, "source").asText());
            if (targetShape == null || sourceShape == null) {
                throw new IllegalArgumentException("synapses " + s.path("name").asText() + " connect unknown populations");
            }
            byTarget.computeIfAbsent(t, k -> new ArrayList<>()).add(synapses(s, sourceShape, targetShape, a));
        }
        List<FxPopulation> pops = new ArrayList<>();
        for (JsonNode p : req(root, "populations")) {
            String name = p.get("name").asText();
            Shape shape = shapes.get(name);
            long[] mant = longs(req(p, "bias_mant"));
            long[] exp = longs(req(p, "bias_exp"));
            long[] bias = new long[mant.length];
            for (int k = 0; k < bias.length; k++) {
                bias[k] = mant[k] << exp[k];
            }
            long[] threshold;
            if (req(p, "vth").isArray()) {
                threshold = longs(p.get("vth"));
            } else {
                threshold = new long[shape.dim(0)];
                java.util.Arrays.fill(threshold, p.get("vth").asLong());
            }
            pops.add(new FxPopulation(name, shape, byTarget.getOrDefault(name, List.of()), threshold,
                    LavaOrder.toSnnc(shape, bias), LavaOrder.toSnnc(shape, longs(req(p, "v_init")))));
        }
        JsonNode in = req(root, "input");
        Shape inputShape = Shape.of(ints(req(in, "shape")));
        List<FxInput> inputs = new ArrayList<>();
        for (JsonNode l : req(in, "layers")) {
            FxSynapses.Kind kind = FxSynapses.Kind.valueOf(l.get("kind").asText().toUpperCase(java.util.Locale.ROOT));
            FxSynapses s = new FxSynapses(FxInput.SOURCE, inputShape, null, false, kind, ints(req(l, "weights")),
                    ints(req(l, "weight_shape")), l.has("window") ? FxFile.readWindow(l.get("window")) : null, l.get("groups").asInt(),
                    l.get("shift").asInt());
            inputs.add(new FxInput(l.get("population").asText(), s, longs(req(l, "bias"))));
        }
        Map<String, String> prov = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("provenance").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            prov.put(e.getKey(), e.getValue().asText());
        }
        FxNetwork.FxReadout r = new FxNetwork.FxReadout(readoutShape, byTarget.getOrDefault("readout", List.of()),
                longs(req(readout, "bias")));
        return new FxNetwork(root.path("name").asText(), inputShape, inputs, pops, r, target,
                req(req(root, "timing"), "timesteps").asInt(), prov);
    }

    private static FxSynapses synapses(JsonNode s, Shape source, Shape target, TargetSpec.Arithmetic a) {
        String process = req(s, "process").asText();
        int[] ws = ints(req(s, "weight_shape"));
        int[] stored = ints(req(s, "weights"));
        if (process.equals("Dense")) {
            int bits = req(s, "num_weight_bits").asInt();
            int[] w = LavaWeights.denseFromLava(stored, ws[0], ws[1], target, source, bits);
            return new FxSynapses(s.get("source").asText(), source, null, false, FxSynapses.Kind.DENSE, w, ws, null, 1,
                    req(s, "weight_exp").asInt() + LavaWeights.denseShift(bits));
        }
        if (!process.equals("Conv")) {
            throw new IllegalArgumentException("unknown synapse process '" + process + "'");
        }
        int[] shape = {ws[0], ws[3], ws[2], ws[1]}; // back to [O, I/g, kH, kW]
        int[] k = ints(req(s, "kernel_size"));
        int[] st = ints(req(s, "stride"));
        int[] pad = ints(req(s, "padding"));
        int[] dil = ints(req(s, "dilation"));
        Window2d w = new Window2d(k[1], k[0], st[1], st[0], dil[1], dil[0], new Padding(pad[1], pad[0], pad[1], pad[0]), false);
        return new FxSynapses(s.get("source").asText(), source, null, false, FxSynapses.Kind.CONV,
                LavaWeights.convFromLava(stored, shape), shape, w, req(s, "groups").asInt(),
                s.has("weight_exp") ? req(s, "weight_exp").asInt() : 0);
    }


    private static JsonNode req(JsonNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return n;
    }

    private static int[] ints(JsonNode n) {
        int[] v = new int[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asInt();
        }
        return v;
    }

    private static long[] longs(JsonNode n) {
        long[] v = new long[n.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = n.get(i).asLong();
        }
        return v;
    }

    private static SnncException problem(Path file, String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.BAD_FX_FILE, Origin.SYNTHETIC, "netlist " + file + " " + what));
    }
}
