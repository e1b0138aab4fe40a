package dev.snnc.formats;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxInputEncoding;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.io.AtomicOutput;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes fixed-point model files ({@code .fx}): JSON with {@code "format": "snnc-fx"} and
 * an integer {@code "version"} ({@value #VERSION}); arrays on one line each, keys in a fixed order,
 * provenance sorted, so the same network gives the same bytes. Schema: simulator/README.md.
 */
public final class FxFile {
    public static final String FORMAT = "snnc-fx";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter WRITER = JSON.writer(
            new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance));

    private FxFile() {
    }

    public static void write(FxNetwork net, Path file) {
        AtomicOutput.write(file, toBytes(net));
    }

    public static byte[] toBytes(FxNetwork net) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("name", net.name());
        root.put("timesteps", net.timesteps());
        root.set("target", target(net.target()));
        root.set("input_shape", ints(net.inputShape().dims()));
        if (net.inputEncoding().isRate()) { // absent means analog, so analog files read by older versions stay unchanged
            ObjectNode enc = root.putObject("input_encoding");
            enc.put("kind", "rate");
            enc.put("full_scale", net.inputEncoding().fullScale());
        }
        ObjectNode prov = root.putObject("provenance");
        new TreeMap<>(net.provenance()).forEach(prov::put);
        ArrayNode inputs = root.putArray("inputs");
        for (FxInput in : net.inputs()) {
            ObjectNode o = inputs.addObject();
            o.put("population", in.population());
            o.set("synapses", synapses(in.synapses()));
            o.set("bias", longs(in.bias()));
        }
        ArrayNode pops = root.putArray("populations");
        for (FxPopulation p : net.populations()) {
            ObjectNode o = pops.addObject();
            o.put("name", p.name());
            if (!p.origin().equals(Origin.SYNTHETIC)) { // absent for hand-made networks
                ObjectNode origin = o.putObject("origin");
                origin.put("name", p.origin().sourceName());
                origin.put("op", p.origin().sourceOp());
            }
            o.set("shape", ints(p.shape().dims()));
            o.set("threshold", longs(p.threshold()));
            o.set("bias", longs(p.bias()));
            o.set("initial_v", longs(p.initialV()));
            ArrayNode syn = o.putArray("inputs");
            p.inputs().forEach(s -> syn.add(synapses(s)));
        }
        ObjectNode readout = root.putObject("readout");
        readout.set("shape", ints(net.readout().shape().dims()));
        readout.set("bias", longs(net.readout().bias()));
        ArrayNode syn = readout.putArray("inputs");
        net.readout().inputs().forEach(s -> syn.add(synapses(s)));
        try {
            return (WRITER.writeValueAsString(root) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise fixed-point network", e);
        }
    }

    /** True when the file starts like a JSON object naming this format (cheap sniffing for the CLI). */
    public static boolean looksLikeFxFile(Path file) {
        return VersionedJson.names(file, FORMAT);
    }

    public static FxNetwork read(Path file) {
        JsonNode root = VersionedJson.read(file, FORMAT, VERSION, "a fixed-point model", what -> problem(file, what));
        FxNetwork net;
        try {
            net = parse(root);
        } catch (RuntimeException e) {
            throw problem(file, "is malformed: " + e.getMessage());
        }
        return verified(net, "fixed-point model " + file);
    }

    /**
     * {@code net} after {@link FxNetwork#verify}, or an {@code SnncException} with every problem,
     * each message prefixed by {@code what} (the file it was read from).
     */
    public static FxNetwork verified(FxNetwork net, String what) {
        try {
            return net.verified();
        } catch (SnncException e) {
            throw e.locatedIn(what);
        }
    }

    private static FxNetwork parse(JsonNode root) {
        List<FxInput> inputs = new ArrayList<>();
        for (JsonNode in : req(root, "inputs")) {
            inputs.add(new FxInput(text(in, "population"), readSynapses(req(in, "synapses")), longArray(req(in, "bias"))));
        }
        List<FxPopulation> pops = new ArrayList<>();
        for (JsonNode p : req(root, "populations")) {
            List<FxSynapses> syn = new ArrayList<>();
            req(p, "inputs").forEach(s -> syn.add(readSynapses(s)));
            pops.add(new FxPopulation(text(p, "name"), Shape.of(intArray(req(p, "shape"))), syn,
                    longArray(req(p, "threshold")), longArray(req(p, "bias")), longArray(req(p, "initial_v")),
                    p.has("origin") ? new Origin(text(p.get("origin"), "name"), text(p.get("origin"), "op")) : Origin.SYNTHETIC));
        }
        JsonNode r = req(root, "readout");
        List<FxSynapses> rs = new ArrayList<>();
        req(r, "inputs").forEach(s -> rs.add(readSynapses(s)));
        FxNetwork.FxReadout readout = new FxNetwork.FxReadout(Shape.of(intArray(req(r, "shape"))), rs,
                longArray(req(r, "bias")));
        Map<String, String> prov = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = root.path("provenance").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            prov.put(e.getKey(), e.getValue().asText());
        }
        return new FxNetwork(text(root, "name"), Shape.of(intArray(req(root, "input_shape"))), inputs, pops, readout,
                readTarget(req(root, "target")), req(root, "timesteps").asInt(), prov, readEncoding(root));
    }

    private static FxInputEncoding readEncoding(JsonNode root) {
        JsonNode enc = root.path("input_encoding");
        if (enc.isMissingNode()) {
            return FxInputEncoding.ANALOG;
        }
        String kind = text(enc, "kind");
        if (!kind.equals("rate")) {
            throw new IllegalArgumentException("input_encoding kind must be rate (analog is written as no input_encoding), got "
                    + kind);
        }
        return FxInputEncoding.rate(req(enc, "full_scale").asInt());
    }

    /** The target as {@code .fx} and netlists store it: id and every arithmetic field. */
    public static ObjectNode target(TargetSpec t) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", t.id());
        TargetSpec.Arithmetic a = t.arithmetic();
        ObjectNode ar = o.putObject("arithmetic");
        ar.put("weight_bits", a.weightBits());
        ar.put("weight_exponent_min", a.weightExponentMin());
        ar.put("weight_exponent_max", a.weightExponentMax());
        ar.put("drop_odd_mixed_lsb", a.dropOddMixedLsb());
        ar.put("input_shift", a.inputShift());
        ar.put("current_bits", a.currentBits());
        ar.put("voltage_bits", a.voltageBits());
        ar.put("threshold_bits", a.thresholdBits());
        ar.put("threshold_shift", a.thresholdShift());
        ar.put("bias_bits", a.biasBits());
        ar.put("bias_exponent_max", a.biasExponentMax());
        ar.put("strict_greater", a.strictGreater());
        ar.put("reset", a.reset().name().toLowerCase(Locale.ROOT));
        ar.put("synaptic_delay", a.synapticDelay());
        ar.put("conv_wrap_bits", a.convWrapBits());
        ar.put("conv_uses_exponent", a.convUsesExponent());
        ar.put("channel_thresholds", a.channelThresholds());
        if (a.biasExponentMin() != 0) {
            ar.put("bias_exponent_min", a.biasExponentMin()); // absent in files of targets whose exponents start at 0
        }
        return o;
    }

    /**
     * The file's arithmetic (widths may be overridden) with the limits and energy of the installed
     * (else shipped) target of that id; any other id keeps the file's arithmetic (the simulator runs
     * it) with no limits or energy figures; compiling it then needs a backend that names it.
     */
    public static TargetSpec readTarget(JsonNode o) {
        String id = text(o, "id");
        if (id.isEmpty() || id.length() > 64) {
            throw new IllegalArgumentException("target id must have 1..64 characters, got " + id.length());
        }
        TargetSpec profile = dev.snnc.ir.backend.Backends.installed().target(id, true)
                .or(() -> dev.snnc.ir.target.TargetProfiles.shipped(id)).orElse(null);
        JsonNode a = req(o, "arithmetic");
        TargetSpec.Arithmetic ar = new TargetSpec.Arithmetic(num(a, "weight_bits"), num(a, "weight_exponent_min"),
                num(a, "weight_exponent_max"), req(a, "drop_odd_mixed_lsb").asBoolean(), num(a, "input_shift"),
                num(a, "current_bits"), num(a, "voltage_bits"), num(a, "threshold_bits"), num(a, "threshold_shift"),
                num(a, "bias_bits"), num(a, "bias_exponent_max"), req(a, "strict_greater").asBoolean(),
                TargetSpec.Reset.valueOf(text(a, "reset").toUpperCase(Locale.ROOT)), num(a, "synaptic_delay"),
                num(a, "conv_wrap_bits"), req(a, "conv_uses_exponent").asBoolean(),
                req(a, "channel_thresholds").asBoolean(), a.has("bias_exponent_min") ? num(a, "bias_exponent_min") : 0);
        if (profile == null) {
            return new TargetSpec(id, ar, new TargetSpec.Limits(0, 0, 0, 0, 0, 0),
                    new TargetSpec.Energy(0, 0, 0, 0, "no installed backend names this target"), "read from the file");
        }
        return new TargetSpec(id, ar, profile.limits(), profile.energy(), profile.reference(), profile.choices());
    }

    private static ObjectNode synapses(FxSynapses s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("source", s.source());
        o.set("source_shape", ints(s.sourceShape().dims()));
        o.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        if (s.pool() != null) {
            o.set("pool", window(s.pool()));
        }
        o.put("global_pool", s.globalPool());
        if (s.maxPool()) { // absent for summing pools, so files without max pooling keep their bytes
            o.put("max_pool", true);
        }
        if (s.window() != null) {
            o.set("window", window(s.window()));
        }
        o.put("groups", s.groups());
        o.put("weight_exp", s.weightExp());
        o.set("weight_shape", ints(s.weightShape()));
        o.set("weights", ints(s.weights()));
        return o;
    }

    private static FxSynapses readSynapses(JsonNode o) {
        return new FxSynapses(text(o, "source"), Shape.of(intArray(req(o, "source_shape"))),
                o.has("pool") ? readWindow(o.get("pool")) : null, req(o, "global_pool").asBoolean(),
                FxSynapses.Kind.valueOf(text(o, "kind").toUpperCase(Locale.ROOT)), intArray(req(o, "weights")),
                intArray(req(o, "weight_shape")), o.has("window") ? readWindow(o.get("window")) : null, num(o, "groups"),
                num(o, "weight_exp"), o.has("max_pool") && o.get("max_pool").asBoolean());
    }

    /** {@code [kH, kW, sH, sW, dH, dW, padTop, padLeft, padBottom, padRight, ceil]} (also the netlist's encoding). */
    public static ArrayNode window(Window2d w) {
        Padding p = w.padding();
        return ints(new int[] {w.kernelH(), w.kernelW(), w.strideH(), w.strideW(), w.dilationH(), w.dilationW(), p.top(),
            p.left(), p.bottom(), p.right(), w.ceilMode() ? 1 : 0});
    }

    public static Window2d readWindow(JsonNode n) {
        int[] v = intArray(n);
        if (v.length != 11) {
            throw new IllegalArgumentException("a window has 11 numbers, got " + v.length);
        }
        return new Window2d(v[0], v[1], v[2], v[3], v[4], v[5], new Padding(v[6], v[7], v[8], v[9]), v[10] != 0);
    }

    static ArrayNode ints(int[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    static ArrayNode longs(long[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (long v : values) {
            a.add(v);
        }
        return a;
    }

    private static int[] intArray(JsonNode n) {
        if (!n.isArray()) {
            throw new IllegalArgumentException("expected an array, got " + n.getNodeType());
        }
        int[] v = new int[n.size()];
        for (int i = 0; i < v.length; i++) {
            if (!n.get(i).canConvertToInt()) {
                throw new IllegalArgumentException("value " + n.get(i) + " is not a 32-bit integer");
            }
            v[i] = n.get(i).asInt();
        }
        return v;
    }

    private static long[] longArray(JsonNode n) {
        if (!n.isArray()) {
            throw new IllegalArgumentException("expected an array, got " + n.getNodeType());
        }
        long[] v = new long[n.size()];
        for (int i = 0; i < v.length; i++) {
            if (!n.get(i).canConvertToLong()) {
                throw new IllegalArgumentException("value " + n.get(i) + " is not a 64-bit integer");
            }
            v[i] = n.get(i).asLong();
        }
        return v;
    }

    private static JsonNode req(JsonNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null || n.isNull()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return n;
    }

    private static String text(JsonNode o, String key) {
        return req(o, key).asText();
    }

    private static int num(JsonNode o, String key) {
        JsonNode n = req(o, key);
        if (!n.canConvertToInt()) {
            throw new IllegalArgumentException("'" + key + "' is not an integer: " + n);
        }
        return n.asInt();
    }

    private static SnncException problem(Path file, String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.BAD_FX_FILE, Origin.SYNTHETIC,
                "fixed-point model " + file + " " + what));
    }
}
