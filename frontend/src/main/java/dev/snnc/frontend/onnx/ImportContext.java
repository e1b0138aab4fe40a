package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Node;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.op.Op;
import dev.snnc.ir.op.Padding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Mutable state of one import: which ONNX values are constants, which are activations (and the IR
 * value each maps to), the IR nodes built so far, and how often each ONNX value is read. Lives
 * only for the duration of {@link OnnxImporter#importModel}.
 */
final class ImportContext {
    private final int opset;
    private final Map<String, Tensor> constants = new HashMap<>();
    private final Map<String, long[]> intConstants = new HashMap<>();
    private final Map<String, String> activations = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private final Map<String, Integer> useCounts;
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Integer> nameCounters = new LinkedHashMap<>();
    private final Map<String, PendingPad> pendingPads = new HashMap<>();

    /** A zero Pad not yet absorbed: ONNX value = {@code irValue} padded by {@code padding}. */
    record PendingPad(String irValue, Padding padding) {
    }

    ImportContext(int opset, Map<String, Integer> useCounts) {
        this.opset = opset;
        this.useCounts = useCounts;
    }

    int opset() {
        return opset;
    }

    void defineInput(String onnxName, String irName, Shape shape) {
        activations.put(onnxName, irName);
        shapes.put(irName, shape);
    }

    void defineConstant(String onnxName, Tensor value, long[] asIntegers) {
        constants.put(onnxName, value);
        if (asIntegers != null) {
            intConstants.put(onnxName, asIntegers);
        }
    }

    /** Makes ONNX value {@code onnxOutput} another name for constant {@code onnxInput}. */
    void aliasConstant(String onnxOutput, String onnxInput) {
        constants.put(onnxOutput, constants.get(onnxInput));
        if (intConstants.containsKey(onnxInput)) {
            intConstants.put(onnxOutput, intConstants.get(onnxInput));
        }
    }

    boolean isConstant(String onnxName) {
        return constants.containsKey(onnxName);
    }

    boolean isActivation(String onnxName) {
        return activations.containsKey(onnxName);
    }

    /** The constant named by input {@code index} of the node; a diagnostic if it is not a constant. */
    Tensor constantInput(NodeProto node, int index, Origin origin, String role) {
        if (node.getInputCount() <= index || node.getInput(index).isEmpty()) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, origin, role + " input (input " + index
                    + ") is missing; the node has " + node.getInputCount() + " inputs"));
        }
        String name = node.getInput(index);
        Tensor t = constants.get(name);
        if (t == null) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.UNSUPPORTED_ATTRIBUTE, origin,
                    role + " input '" + name + "' must be a constant (initializer or Constant node); "
                            + "computed " + role + "s cannot be converted"));
        }
        return t;
    }

    Optional<Tensor> optionalConstantInput(NodeProto node, int index, Origin origin, String role) {
        if (node.getInputCount() <= index || node.getInput(index).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(constantInput(node, index, origin, role));
    }

    long[] intConstantInput(NodeProto node, int index, Origin origin, String role) {
        constantInput(node, index, origin, role);
        long[] v = intConstants.get(node.getInput(index));
        if (v == null) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.UNSUPPORTED_ATTRIBUTE, origin,
                    role + " input '" + node.getInput(index) + "' must be an integer tensor"));
        }
        return v;
    }

    /** The IR value of activation input {@code index}; a diagnostic if it is a constant or unknown. */
    String activationInput(NodeProto node, int index, Origin origin) {
        if (node.getInputCount() <= index || node.getInput(index).isEmpty()) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, origin,
                    "input " + index + " is missing"));
        }
        String name = node.getInput(index);
        if (pendingPads.containsKey(name)) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.UNSUPPORTED_ATTRIBUTE, origin,
                    "reads the output of a Pad node; a zero Pad is only supported directly before Conv or AveragePool"));
        }
        String ir = activations.get(name);
        if (ir == null) {
            throw new SnncException(Diagnostic.of(constants.containsKey(name) ? DiagnosticCode.UNSUPPORTED_ATTRIBUTE
                            : DiagnosticCode.MISSING_VALUE, origin,
                    constants.containsKey(name)
                            ? "input '" + name + "' is a constant where the image data flow was expected"
                            : "input '" + name + "' is not produced by any earlier node, initializer or graph input"));
        }
        return ir;
    }

    /** Records ONNX value {@code onnxOutput} as {@code irValue} zero-padded; a later Conv/AveragePool absorbs it. */
    void definePad(String onnxOutput, String irValue, Padding padding) {
        pendingPads.put(onnxOutput, new PendingPad(irValue, padding));
    }

    /**
     * Activation input {@code index} as (IR value, extra zero padding from a Pad node feeding it
     * directly, or {@link Padding#NONE}).
     */
    PendingPad paddedActivationInput(NodeProto node, int index, Origin origin) {
        PendingPad p = node.getInputCount() > index ? pendingPads.get(node.getInput(index)) : null;
        return p != null ? p : new PendingPad(activationInput(node, index, origin), Padding.NONE);
    }

    boolean isPendingPad(String onnxValue) {
        return pendingPads.containsKey(onnxValue);
    }

    Shape shapeOf(String irValue) {
        return shapes.get(irValue);
    }

    /** Appends an IR node computing ONNX output {@code onnxOutput}; shapes are checked right away. */
    String emit(String onnxOutput, Op op, Origin origin, String... irInputs) {
        List<Shape> inShapes = new ArrayList<>();
        for (String in : irInputs) {
            inShapes.add(shapes.get(in));
        }
        Shape out;
        try {
            out = op.outputShape(inShapes);
        } catch (IllegalArgumentException e) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.SHAPE_MISMATCH, origin,
                    op.kind() + " on inputs " + inShapes + ": " + e.getMessage()));
        }
        String irName = freshName(op.kind());
        nodes.add(new Node(irName, op, List.of(irInputs), origin));
        shapes.put(irName, out);
        activations.put(onnxOutput, irName);
        return irName;
    }

    /** Makes ONNX value {@code onnxOutput} another name for an existing IR value (Identity, Dropout). */
    void alias(String onnxOutput, String irValue) {
        activations.put(onnxOutput, irValue);
    }

    /** The IR node that computes {@code irValue}, if it is a node (not the graph input). */
    Optional<Node> producer(String irValue) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            if (nodes.get(i).name().equals(irValue)) {
                return Optional.of(nodes.get(i));
            }
        }
        return Optional.empty();
    }

    /** Replaces the op of an already emitted node (bias folding); its output shape must not change. */
    void replaceOp(String irValue, Op newOp) {
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            if (n.name().equals(irValue)) {
                nodes.set(i, new Node(n.name(), newOp, n.inputs(), n.origin()));
                return;
            }
        }
        throw new IllegalStateException("no node " + irValue);
    }

    int useCount(String onnxValue) {
        return useCounts.getOrDefault(onnxValue, 0);
    }

    List<Node> nodes() {
        return nodes;
    }

    String irNameOf(String onnxValue) {
        return activations.get(onnxValue);
    }

    private String freshName(String kind) {
        String base = kind.toLowerCase(java.util.Locale.ROOT);
        int n = nameCounters.merge(base, 1, Integer::sum) - 1;
        return base + "_" + n;
    }
}
