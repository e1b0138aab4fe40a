package dev.snnc.frontend.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.snnc.frontend.onnx.proto.OnnxProto.GraphProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.ModelProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.TensorProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.TensorShapeProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.ValueInfoProto;
import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Node;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.diag.SnncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Imports an ONNX model (one image input, one output, the CNN operators listed in
 * {@link #SUPPORTED_OPS}) into an IR {@link Graph}. Every problem found is reported as a
 * diagnostic naming the ONNX node, its op type and the opset; all of them are collected and thrown
 * together as one {@link SnncException}. BatchNorm is imported as ChannelAffine; run
 * {@link dev.snnc.frontend.ModelLoader} for the standard clean-up passes.
 */
public final class OnnxImporter {
    public static final int MIN_OPSET = 1;
    public static final int MAX_OPSET = 18;

    private static final Map<String, NodeImporter> IMPORTERS = new TreeMap<>(Map.ofEntries(
            Map.entry("Conv", new ConvImporter()),
            Map.entry("Gemm", new GemmImporter()),
            Map.entry("MatMul", new MatMulImporter()),
            Map.entry("Add", new AddImporter()),
            Map.entry("BatchNormalization", new BatchNormImporter()),
            Map.entry("Relu", ActivationImporters.RELU),
            Map.entry("Clip", ActivationImporters.CLIP),
            Map.entry("AveragePool", PoolImporters.AVERAGE),
            Map.entry("MaxPool", PoolImporters.MAX),
            Map.entry("GlobalAveragePool", PoolImporters.GLOBAL_AVERAGE),
            Map.entry("Flatten", ShapeImporters.FLATTEN),
            Map.entry("Reshape", ShapeImporters.RESHAPE),
            Map.entry("Identity", ShapeImporters.PASS_THROUGH),
            Map.entry("Dropout", ShapeImporters.PASS_THROUGH),
            Map.entry("Pad", new PadImporter()),
            Map.entry("Constant", ConstantImporter.CONSTANT)));

    /** The ONNX operator types this frontend converts, sorted. */
    public static final Set<String> SUPPORTED_OPS = IMPORTERS.keySet();

    public Graph importFile(Path path) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, Origin.SYNTHETIC,
                    "model file not found: " + path).withHint("check the path"));
        } catch (IOException e) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, Origin.SYNTHETIC,
                    "cannot read model file " + path + ": " + e.getMessage()));
        }
        String name = path.getFileName().toString().replaceFirst("\\.onnx$", "");
        return importBytes(bytes, name);
    }

    public Graph importBytes(byte[] bytes, String name) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, Origin.SYNTHETIC,
                    "not a valid ONNX model (" + bytes.length + " bytes): " + e.getMessage())
                    .withHint("the file may be truncated or not an .onnx file"));
        }
        Graph g = importModel(model, name);
        GraphBuilder b = g.toBuilder();
        b.metadata("source.sha256", sha256(bytes));
        return b.build();
    }

    public Graph importModel(ModelProto model, String name) {
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, Origin.SYNTHETIC,
                    "the model has no graph nodes (ir_version " + model.getIrVersion() + ")")
                    .withHint("the file may be truncated or not an .onnx file"));
        }
        GraphProto graph = model.getGraph();
        int opset = defaultOpset(model);
        Diagnostics diagnostics = new Diagnostics();
        ImportContext ctx = new ImportContext(opset, useCounts(graph));
        Set<String> initializerNames = new HashSet<>();
        for (TensorProto t : graph.getInitializerList()) {
            initializerNames.add(t.getName());
            defineInitializer(t, ctx, diagnostics);
        }
        ValueInfoProto input = singleImageInput(graph, initializerNames);
        String inputName = sanitize(input.getName());
        ctx.defineInput(input.getName(), inputName, perSampleShape(input));

        Set<String> poisoned = new HashSet<>();
        for (NodeProto node : graph.getNodeList()) {
            importNode(node, opset, ctx, diagnostics, poisoned);
        }
        String output = graphOutput(graph, ctx, poisoned, diagnostics);
        diagnostics.throwIfAny();

        GraphBuilder b = Graph.builder(name.isEmpty() ? "model" : name, inputName, ctx.shapeOf(inputName));
        for (Node n : ctx.nodes()) {
            b.add(n);
        }
        b.output(output);
        b.metadata("source.format", "onnx");
        b.metadata("source.opset", Integer.toString(opset));
        b.metadata("source.producer", (model.getProducerName() + " " + model.getProducerVersion()).trim());
        preprocessing(model).ifPresent(b::preprocessing);
        return b.build();
    }

    private static void importNode(NodeProto node, int opset, ImportContext ctx, Diagnostics diagnostics,
                                   Set<String> poisoned) {
        Origin origin = new Origin(node.getName().isEmpty() ? firstOutput(node) : node.getName(), node.getOpType());
        if (node.getInputList().stream().anyMatch(poisoned::contains)) {
            poisoned.addAll(node.getOutputList()); // an earlier diagnostic already covers this data flow
            return;
        }
        String domain = node.getDomain();
        NodeImporter importer = domain.isEmpty() || domain.equals("ai.onnx") ? IMPORTERS.get(node.getOpType()) : null;
        if (importer == null) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.UNSUPPORTED_OP, origin,
                    "operator " + (domain.isEmpty() ? "" : domain + ".") + node.getOpType() + " (opset " + opset
                            + ") cannot be converted to a spiking network")
                    .withHint("supported operators: " + String.join(", ", SUPPORTED_OPS)));
            poisoned.addAll(node.getOutputList());
            return;
        }
        if (node.getOutputCount() == 0 || node.getOutput(0).isEmpty()) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, origin, "node has no output"));
            return;
        }
        try {
            OnnxAttributes attrs = new OnnxAttributes(node, origin);
            rejectLegacyForms(node, attrs);
            importer.convert(node, origin, attrs, ctx);
        } catch (SnncException e) {
            for (Diagnostic d : e.diagnostics()) {
                diagnostics.report(d.message().contains("(opset ") ? d
                        : new Diagnostic(d.code(), d.origin(), d.message() + " (opset " + opset + ")", d.hint()));
            }
            poisoned.addAll(node.getOutputList());
        }
    }

    /** Attributes of opsets before 7 that change the meaning of an op we otherwise support. */
    private static void rejectLegacyForms(NodeProto node, OnnxAttributes attrs) {
        if (attrs.has("consumed_inputs")) {
            throw attrs.unsupported("legacy attribute consumed_inputs (opset < 6); re-export with a newer opset");
        }
        if (node.getOpType().equals("BatchNormalization") && attrs.getInt("spatial", 1) == 0) {
            throw attrs.unsupported("spatial=0 (per-pixel statistics) is not supported");
        }
        if (attrs.getInt("is_test", 1) == 0) {
            throw attrs.unsupported("is_test=0 (training behaviour); export the model in eval mode");
        }
    }

    private static int defaultOpset(ModelProto model) {
        for (OperatorSetIdProto id : model.getOpsetImportList()) {
            if (id.getDomain().isEmpty() || id.getDomain().equals("ai.onnx")) {
                long v = id.getVersion();
                if (v < MIN_OPSET || v > MAX_OPSET) {
                    throw new SnncException(Diagnostic.of(DiagnosticCode.UNSUPPORTED_OPSET, Origin.SYNTHETIC,
                            "the model uses ONNX opset " + v + "; supported are opsets " + MIN_OPSET + " to " + MAX_OPSET)
                            .withHint("re-export with opset_version between 11 and 17"));
                }
                return (int) v;
            }
        }
        throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, Origin.SYNTHETIC,
                "the model declares no default-domain opset (opset_import is empty)"));
    }

    private static void defineInitializer(TensorProto t, ImportContext ctx, Diagnostics diagnostics) {
        Origin origin = new Origin(t.getName(), "initializer");
        try {
            boolean integral = t.getDataType() == TensorProto.DataType.INT64_VALUE
                    || t.getDataType() == TensorProto.DataType.INT32_VALUE;
            ctx.defineConstant(t.getName(), OnnxTensors.toFloatTensor(t, origin),
                    integral ? OnnxTensors.toLongs(t, origin) : null);
        } catch (SnncException e) {
            e.diagnostics().forEach(diagnostics::report);
        }
    }

    private static ValueInfoProto singleImageInput(GraphProto graph, Set<String> initializerNames) {
        List<ValueInfoProto> inputs = graph.getInputList().stream()
                .filter(v -> !initializerNames.contains(v.getName())).toList();
        if (inputs.size() != 1) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_INPUT_SIGNATURE, Origin.SYNTHETIC,
                    "the model has " + inputs.size() + " data inputs " + inputs.stream().map(ValueInfoProto::getName).toList()
                            + "; exactly one image (or feature vector) input is supported"));
        }
        return inputs.get(0);
    }

    /** Drops the batch dimension: {@code [N,C,H,W] -> [C,H,W]}, {@code [N,F] -> [F]}. */
    private static Shape perSampleShape(ValueInfoProto input) {
        Origin origin = new Origin(input.getName(), "graph input");
        if (!input.getType().hasTensorType()
                || input.getType().getTensorType().getElemType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_INPUT_SIGNATURE, origin,
                    "input must be a float32 tensor, is " + describeType(input)));
        }
        TensorShapeProto shape = input.getType().getTensorType().getShape();
        int rank = shape.getDimCount();
        if (rank < 2 || rank > 4) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_INPUT_SIGNATURE, origin,
                    "input has rank " + rank + "; expected [N,C,H,W] images (rank 4), or [N,F] / [N,C,L] values "
                            + "for elementwise and dense layers"));
        }
        int[] dims = new int[rank - 1];
        for (int i = 1; i < rank; i++) {
            TensorShapeProto.Dimension d = shape.getDim(i);
            if (!d.hasDimValue() || d.getDimValue() <= 0 || d.getDimValue() > OnnxTensors.MAX_ELEMENTS) {
                throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_INPUT_SIGNATURE, origin,
                        "input dimension " + i + " is " + (d.hasDimValue() ? Long.toString(d.getDimValue()) : "'"
                                + d.getDimParam() + "'") + "; only the batch dimension may be dynamic"));
            }
            dims[i - 1] = (int) d.getDimValue();
        }
        return Shape.of(dims);
    }

    private static String describeType(ValueInfoProto v) {
        return v.getType().hasTensorType()
                ? OnnxTensors.dataTypeName(v.getType().getTensorType().getElemType()) + " tensor"
                : "not a tensor";
    }

    /** The IR value of the single graph output; problems are reported after the nodes' own. */
    private static String graphOutput(GraphProto graph, ImportContext ctx, Set<String> poisoned,
                                      Diagnostics diagnostics) {
        if (graph.getOutputCount() != 1) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.BAD_INPUT_SIGNATURE, Origin.SYNTHETIC,
                    "the model has " + graph.getOutputCount() + " outputs; exactly one is supported"));
            return "";
        }
        String name = graph.getOutput(0).getName();
        String ir = ctx.irNameOf(name);
        if (ctx.isPendingPad(name)) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.UNSUPPORTED_ATTRIBUTE, Origin.SYNTHETIC,
                    "graph output '" + name + "' is a padded map; a zero Pad is only supported before Conv or AveragePool"));
        } else if (ir == null && !poisoned.contains(name)) { // a poisoned output is explained by an earlier diagnostic
            diagnostics.report(Diagnostic.of(DiagnosticCode.MISSING_VALUE, Origin.SYNTHETIC,
                    "graph output '" + name + "' is not computed from the input"));
        }
        return ir;
    }

    private static Map<String, Integer> useCounts(GraphProto graph) {
        Map<String, Integer> counts = new HashMap<>();
        graph.getNodeList().forEach(n -> n.getInputList().forEach(i -> counts.merge(i, 1, Integer::sum)));
        graph.getOutputList().forEach(o -> counts.merge(o.getName(), 1, Integer::sum));
        return counts;
    }

    private static java.util.Optional<Preprocessing> preprocessing(ModelProto model) {
        for (StringStringEntryProto e : model.getMetadataPropsList()) {
            if (e.getKey().equals(Preprocessing.METADATA_KEY)) {
                try {
                    return java.util.Optional.of(Preprocessing.parse(e.getValue()));
                } catch (IllegalArgumentException ex) {
                    throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, Origin.SYNTHETIC,
                            "metadata " + Preprocessing.METADATA_KEY + " is invalid: " + ex.getMessage()));
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static String firstOutput(NodeProto node) {
        return node.getOutputCount() > 0 ? node.getOutput(0) : "";
    }

    private static String sanitize(String onnxName) {
        String s = onnxName.replaceAll("[^A-Za-z0-9_.]", "_");
        return s.isEmpty() ? "input" : s;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }
}
