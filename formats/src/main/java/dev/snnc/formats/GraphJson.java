package dev.snnc.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Node;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.ChannelAffine;
import dev.snnc.ir.op.Clip;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.MaxPool2d;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.op.Op;
import dev.snnc.ir.op.OpVisitor;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Relu;
import dev.snnc.ir.op.Window2d;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * JSON form of an IR graph: nodes in order with op, inputs, origin, attributes and tensors.
 * Tensors are {@code {"shape": [...], "f32le": base64}} (little-endian float32), so values round
 * trip exactly. Unknown ops or malformed fields raise IllegalArgumentException with the node name.
 */
final class GraphJson {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private GraphJson() {
    }

    static ObjectNode write(Graph g) {
        ObjectNode root = F.objectNode();
        root.put("name", g.name());
        ObjectNode input = root.putObject("input");
        input.put("name", g.inputName());
        input.set("shape", ints(g.inputShape().dims()));
        root.put("output", g.outputName());
        g.preprocessing().ifPresent(p -> root.put("preprocessing", p.format()));
        ObjectNode meta = root.putObject("metadata");
        g.metadata().forEach(meta::put);
        ArrayNode nodes = root.putArray("nodes");
        for (Node n : g.nodes()) {
            ObjectNode o = nodes.addObject();
            o.put("name", n.name());
            o.put("op", n.op().kind());
            ArrayNode ins = o.putArray("inputs");
            n.inputs().forEach(ins::add);
            ObjectNode origin = o.putObject("origin");
            origin.put("name", n.origin().sourceName());
            origin.put("op", n.origin().sourceOp());
            n.op().accept(new Encoder(o));
        }
        return root;
    }

    static Graph read(JsonNode root) {
        JsonNode input = require(root, "input", "graph");
        GraphBuilder b = Graph.builder(text(root, "name", "graph"), text(input, "name", "input"),
                Shape.of(intArray(require(input, "shape", "input"))));
        for (JsonNode o : require(root, "nodes", "graph")) {
            String name = text(o, "name", "node");
            JsonNode origin = require(o, "origin", name);
            List<String> inputs = new java.util.ArrayList<>();
            require(o, "inputs", name).forEach(i -> inputs.add(i.asText()));
            b.add(new Node(name, decode(o, name), inputs, new Origin(text(origin, "name", name), text(origin, "op", name))));
        }
        b.output(text(root, "output", "graph"));
        if (root.has("preprocessing")) {
            b.preprocessing(dev.snnc.ir.Preprocessing.parse(root.get("preprocessing").asText()));
        }
        JsonNode meta = root.get("metadata");
        if (meta != null) {
            for (Map.Entry<String, JsonNode> e : meta.properties()) {
                b.metadata(e.getKey(), e.getValue().asText());
            }
        }
        return b.build();
    }

    private static Op decode(JsonNode o, String name) {
        String op = text(o, "op", name);
        JsonNode a = o.get("attributes");
        return switch (op) {
            case "Conv2d" -> new Conv2d(tensor(o, "weight", name), tensor(o, "bias", name), window(a, name),
                    a.get("groups").asInt());
            case "Linear" -> new Linear(tensor(o, "weight", name), tensor(o, "bias", name));
            case "ChannelAffine" -> new ChannelAffine(tensor(o, "scale", name), tensor(o, "shift", name));
            case "Relu" -> new Relu();
            case "Clip" -> new Clip((float) a.get("min").asDouble(), (float) a.get("max").asDouble());
            case "Add" -> new Add();
            case "AvgPool2d" -> new AvgPool2d(window(a, name), a.get("count_include_pad").asBoolean());
            case "MaxPool2d" -> new MaxPool2d(window(a, name));
            case "GlobalAvgPool" -> new GlobalAvgPool();
            case "Flatten" -> new Flatten();
            case "IfNeuron" -> new IfNeuron(tensor(o, "threshold", name), tensor(o, "bias", name),
                    tensor(o, "initial_potential", name), new NeuronModel(
                    NeuronModel.Reset.valueOf(a.get("reset").asText()),
                    NeuronModel.Comparison.valueOf(a.get("comparison").asText()),
                    a.get("half_step_shift").asBoolean()), o.path("tensors").has("fire_ratio")
                    ? tensor(o, "fire_ratio", name) : Tensor.of(new float[] {1f}, 1));
            default -> throw new IllegalArgumentException("node '" + name + "' has unknown op '" + op + "'");
        };
    }

    /** Writes each op's attributes and tensors into its node object. */
    private static final class Encoder implements OpVisitor<Void> {
        private final ObjectNode node;
        private final ObjectNode attrs;
        private final ObjectNode tensors;

        Encoder(ObjectNode node) {
            this.node = node;
            this.attrs = F.objectNode();
            this.tensors = F.objectNode();
        }

        private Void done() {
            if (!attrs.isEmpty()) {
                node.set("attributes", attrs);
            }
            if (!tensors.isEmpty()) {
                node.set("tensors", tensors);
            }
            return null;
        }

        @Override
        public Void visitConv2d(Conv2d op) {
            writeWindow(attrs, op.window());
            attrs.put("groups", op.groups());
            tensors.set("weight", tensorJson(op.weight()));
            tensors.set("bias", tensorJson(op.bias()));
            return done();
        }

        @Override
        public Void visitLinear(Linear op) {
            tensors.set("weight", tensorJson(op.weight()));
            tensors.set("bias", tensorJson(op.bias()));
            return done();
        }

        @Override
        public Void visitChannelAffine(ChannelAffine op) {
            tensors.set("scale", tensorJson(op.scale()));
            tensors.set("shift", tensorJson(op.shift()));
            return done();
        }

        @Override
        public Void visitRelu(Relu op) {
            return done();
        }

        @Override
        public Void visitClip(Clip op) {
            attrs.put("min", op.min());
            attrs.put("max", op.max());
            return done();
        }

        @Override
        public Void visitAdd(Add op) {
            return done();
        }

        @Override
        public Void visitAvgPool2d(AvgPool2d op) {
            writeWindow(attrs, op.window());
            attrs.put("count_include_pad", op.countIncludePad());
            return done();
        }

        @Override
        public Void visitMaxPool2d(MaxPool2d op) {
            writeWindow(attrs, op.window());
            return done();
        }

        @Override
        public Void visitGlobalAvgPool(GlobalAvgPool op) {
            return done();
        }

        @Override
        public Void visitFlatten(Flatten op) {
            return done();
        }

        @Override
        public Void visitIfNeuron(IfNeuron op) {
            attrs.put("reset", op.model().reset().name());
            attrs.put("comparison", op.model().comparison().name());
            attrs.put("half_step_shift", op.model().halfStepShift());
            tensors.set("threshold", tensorJson(op.threshold()));
            if (!op.firesAtThreshold()) {
                tensors.set("fire_ratio", tensorJson(op.fireRatio())); // absent for neurons that fire at θ, as in older files
            }
            tensors.set("bias", tensorJson(op.bias()));
            tensors.set("initial_potential", tensorJson(op.initialPotential()));
            return done();
        }
    }

    private static void writeWindow(ObjectNode a, Window2d w) {
        a.set("kernel", ints(new int[] {w.kernelH(), w.kernelW()}));
        a.set("stride", ints(new int[] {w.strideH(), w.strideW()}));
        a.set("dilation", ints(new int[] {w.dilationH(), w.dilationW()}));
        Padding p = w.padding();
        a.set("padding", ints(new int[] {p.top(), p.left(), p.bottom(), p.right()}));
        a.put("ceil_mode", w.ceilMode());
    }

    private static Window2d window(JsonNode a, String name) {
        if (a == null) {
            throw new IllegalArgumentException("node '" + name + "' has no attributes");
        }
        int[] k = intArray(require(a, "kernel", name));
        int[] s = intArray(require(a, "stride", name));
        int[] d = intArray(require(a, "dilation", name));
        int[] p = intArray(require(a, "padding", name));
        return new Window2d(k[0], k[1], s[0], s[1], d[0], d[1], new Padding(p[0], p[1], p[2], p[3]),
                a.get("ceil_mode").asBoolean());
    }

    static ObjectNode tensorJson(Tensor t) {
        ObjectNode o = F.objectNode();
        o.set("shape", ints(t.shape()));
        ByteBuffer buf = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < t.size(); i++) {
            buf.putFloat(t.get(i));
        }
        o.put("f32le", Base64.getEncoder().encodeToString(buf.array()));
        return o;
    }

    private static Tensor tensor(JsonNode node, String key, String name) {
        JsonNode t = require(require(node, "tensors", name), key, name);
        int[] shape = intArray(require(t, "shape", name));
        byte[] bytes = Base64.getDecoder().decode(text(t, "f32le", name));
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (bytes.length != 4 * n) {
            throw new IllegalArgumentException("tensor '" + key + "' of node '" + name + "' has " + bytes.length
                    + " bytes; shape " + java.util.Arrays.toString(shape) + " needs " + 4 * n);
        }
        float[] data = new float[(int) n];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
        return Tensor.of(data, shape);
    }

    private static ArrayNode ints(int[] values) {
        ArrayNode a = F.arrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }

    private static int[] intArray(JsonNode a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asInt();
        }
        return v;
    }

    static JsonNode require(JsonNode parent, String key, String where) {
        JsonNode v = parent == null ? null : parent.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("'" + key + "' is missing in " + where);
        }
        return v;
    }

    static String text(JsonNode parent, String key, String where) {
        return require(parent, key, where).asText();
    }
}
