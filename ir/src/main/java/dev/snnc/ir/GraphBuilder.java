package dev.snnc.ir;

import dev.snnc.ir.op.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Accumulates nodes for a new {@link Graph}; {@link #build()} validates and infers shapes. */
public final class GraphBuilder {
    private final String name;
    private final String inputName;
    private final Shape inputShape;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String outputName;
    private Preprocessing preprocessing;

    GraphBuilder(String name, String inputName, Shape inputShape) {
        this.name = name;
        this.inputName = inputName;
        this.inputShape = inputShape;
    }

    public GraphBuilder add(Node node) {
        nodes.add(node);
        return this;
    }

    /** Adds a node and returns its value name, for chaining layers. */
    public String add(String valueName, Op op, Origin origin, String... inputs) {
        nodes.add(new Node(valueName, op, List.of(inputs), origin));
        return valueName;
    }

    public GraphBuilder output(String value) {
        this.outputName = value;
        return this;
    }

    public GraphBuilder preprocessing(Preprocessing p) {
        this.preprocessing = p;
        return this;
    }

    public GraphBuilder metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    public String inputName() {
        return inputName;
    }

    public Graph build() {
        String out = outputName != null ? outputName : nodes.isEmpty() ? inputName : nodes.get(nodes.size() - 1).name();
        return new Graph(name, inputName, inputShape, nodes, out, preprocessing, metadata);
    }
}
