package dev.snnc.ir;

import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.op.Op;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable network: one image input, nodes in topological order, one output. Shapes of all
 * values are inferred and checked on construction, so a {@code Graph} that exists is well formed.
 * Passes never mutate a graph; they build a new one with {@link #toBuilder()}.
 */
public final class Graph {
    private final String name;
    private final String inputName;
    private final Shape inputShape;
    private final List<Node> nodes;
    private final String outputName;
    private final Map<String, Shape> shapes;
    private final Map<String, Node> byName;
    private final Preprocessing preprocessing;
    private final Map<String, String> metadata;

    Graph(String name, String inputName, Shape inputShape, List<Node> nodes, String outputName,
          Preprocessing preprocessing, Map<String, String> metadata) {
        this.name = name;
        this.inputName = inputName;
        this.inputShape = inputShape;
        this.nodes = List.copyOf(nodes);
        this.outputName = outputName;
        this.preprocessing = preprocessing;
        this.metadata = Collections.unmodifiableMap(new TreeMap<>(metadata));
        Map<String, Shape> inferred = new LinkedHashMap<>();
        Map<String, Node> index = new LinkedHashMap<>();
        inferred.put(inputName, inputShape);
        Diagnostics diagnostics = new Diagnostics();
        for (Node node : this.nodes) {
            inferNode(node, inferred, diagnostics);
            index.put(node.name(), node);
        }
        if (diagnostics.isEmpty() && !inferred.containsKey(outputName)) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.MISSING_VALUE, Origin.SYNTHETIC,
                    "graph output '" + outputName + "' is not produced by any node"));
        }
        diagnostics.throwIfAny();
        this.shapes = Collections.unmodifiableMap(inferred);
        this.byName = Collections.unmodifiableMap(index);
    }

    private static void inferNode(Node node, Map<String, Shape> inferred, Diagnostics diagnostics) {
        if (inferred.containsKey(node.name())) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, node.origin(),
                    "value '" + node.name() + "' is produced twice"));
            return;
        }
        List<Shape> inputShapes = new ArrayList<>();
        for (String in : node.inputs()) {
            Shape s = inferred.get(in);
            if (s == null) {
                diagnostics.report(Diagnostic.of(DiagnosticCode.MISSING_VALUE, node.origin(),
                        "input '" + in + "' is not produced before it is used (graph not in topological order?)"));
                return;
            }
            inputShapes.add(s);
        }
        try {
            inferred.put(node.name(), node.op().outputShape(inputShapes));
        } catch (IllegalArgumentException e) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.SHAPE_MISMATCH, node.origin(),
                    node.op().kind() + " on inputs " + inputShapes + ": " + e.getMessage()));
        }
    }

    public static GraphBuilder builder(String name, String inputName, Shape inputShape) {
        return new GraphBuilder(name, inputName, inputShape);
    }

    /** A builder pre-filled with this graph's input, nodes, output and metadata. */
    public GraphBuilder toBuilder() {
        GraphBuilder b = new GraphBuilder(name, inputName, inputShape);
        nodes.forEach(b::add);
        b.output(outputName);
        b.preprocessing(preprocessing);
        metadata.forEach(b::metadata);
        return b;
    }

    /** This graph with node {@code nodeName}'s op replaced (same inputs, name and origin). */
    public Graph withOp(String nodeName, Op op) {
        GraphBuilder b = new GraphBuilder(name, inputName, inputShape);
        boolean found = false;
        for (Node n : nodes) {
            if (n.name().equals(nodeName)) {
                b.add(new Node(n.name(), op, n.inputs(), n.origin()));
                found = true;
            } else {
                b.add(n);
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no node '" + nodeName + "' in graph " + name);
        }
        b.output(outputName);
        b.preprocessing(preprocessing);
        metadata.forEach(b::metadata);
        return b.build();
    }

    /** This graph with one more metadata entry. */
    public Graph withMetadata(String key, String value) {
        return toBuilder().metadata(key, value).build();
    }

    public String name() {
        return name;
    }

    public String inputName() {
        return inputName;
    }

    public Shape inputShape() {
        return inputShape;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public String outputName() {
        return outputName;
    }

    public Shape outputShape() {
        return shapes.get(outputName);
    }

    public Shape shapeOf(String value) {
        Shape s = shapes.get(value);
        if (s == null) {
            throw new IllegalArgumentException("no value named '" + value + "' in graph " + name);
        }
        return s;
    }

    public Optional<Node> node(String value) {
        return Optional.ofNullable(byName.get(value));
    }

    /** Nodes that read {@code value}, in graph order. */
    public List<Node> consumers(String value) {
        return nodes.stream().filter(n -> n.inputs().contains(value)).toList();
    }

    public List<Shape> inputShapes(Node node) {
        return node.inputs().stream().map(this::shapeOf).toList();
    }

    public Optional<Preprocessing> preprocessing() {
        return Optional.ofNullable(preprocessing);
    }

    /** Free-form provenance (source file, hashes, exporter), sorted by key. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Ops of all nodes in order; handy for tests. */
    public List<Op> ops() {
        return nodes.stream().map(Node::op).toList();
    }

    @Override
    public String toString() {
        return GraphPrinter.print(this);
    }
}
