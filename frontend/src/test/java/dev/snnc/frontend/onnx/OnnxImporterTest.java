package dev.snnc.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.frontend.onnx.proto.OnnxProto.ModelProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.StringStringEntryProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.TensorProto;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.Relu;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxImporterTest {
    private static final OnnxImporter IMPORTER = new OnnxImporter();

    private static List<Diagnostic> diagnosticsOf(ModelProto m) {
        return assertThrows(SnncException.class, () -> IMPORTER.importModel(m, "m")).diagnostics();
    }

    @Test
    void importsADenseNetworkWithPreprocessingMetadata() {
        ModelProto m = OnnxModels.withImageInput("x", 1, 3)
                .initializer(OnnxModels.floats("w", new float[] {1, 2, 3, 4, 5, 6}, 3, 2))
                .initializer(OnnxModels.floats("b", new float[] {0.5f, -0.5f}, 2))
                .node("fc", "Gemm", new String[] {"x", "w", "b"}, "y")
                .node("act", "Relu", new String[] {"y"}, "z").output("z").build()
                .toBuilder().addMetadataProps(StringStringEntryProto.newBuilder().setKey("snnc.preprocessing")
                        .setValue("scale=0.5;mean=1;std=2")).build();
        Graph g = IMPORTER.importModel(m, "dense");
        assertEquals(Shape.of(3), g.inputShape());
        assertEquals(Shape.of(2), g.outputShape());
        Linear fc = (Linear) g.ops().get(0);
        assertEquals(3f, fc.weight().get(1), "Gemm without transB stores B as [K,N]; weight is its transpose");
        assertTrue(g.ops().get(1) instanceof Relu);
        assertEquals(0.5, g.preprocessing().orElseThrow().scale());
    }

    @Test
    void identityOfAConstantIsTheSameConstant() {
        // PyTorch exports shared parameters as Identity(initializer), e.g. in the bundled ResNet
        ModelProto m = OnnxModels.withImageInput("x", 1, 3)
                .initializer(OnnxModels.floats("w", new float[] {1, 2, 3, 4, 5, 6}, 3, 2))
                .node("alias", "Identity", new String[] {"w"}, "w2")
                .node("fc", "Gemm", new String[] {"x", "w2"}, "y").output("y").build();
        Graph g = IMPORTER.importModel(m, "alias");
        assertEquals(Shape.of(2), g.outputShape());
        assertEquals(3f, ((Linear) g.ops().get(0)).weight().get(1));
    }

    @Test
    void unsupportedOpNamesNodeOpTypeAndOpset() {
        ModelProto m = OnnxModels.withImageInput("x", 1, 4)
                .node("/head/Softmax", "Softmax", new String[] {"x"}, "y").output("y").build();
        Diagnostic d = diagnosticsOf(m).get(0);
        assertEquals(DiagnosticCode.UNSUPPORTED_OP, d.code());
        assertEquals("/head/Softmax", d.origin().sourceName());
        assertEquals("Softmax", d.origin().sourceOp());
        assertTrue(d.render().contains("opset 13"), d.render());
        assertTrue(d.render().contains("SNNC-E101"), d.render());
    }

    @Test
    void everyProblemIsReportedOnceAndDownstreamNodesAreNotBlamed() {
        ModelProto m = OnnxModels.withImageInput("x", 1, 4)
                .node("a", "Softmax", new String[] {"x"}, "y")
                .node("b", "Relu", new String[] {"y"}, "z")
                .node("c", "LeakyRelu", new String[] {"x"}, "w")
                .node("d", "Add", new String[] {"z", "w"}, "out").output("out").build();
        List<Diagnostic> ds = diagnosticsOf(m);
        assertEquals(2, ds.size(), ds.toString());
        assertEquals("a", ds.get(0).origin().sourceName());
        assertEquals("c", ds.get(1).origin().sourceName());
    }

    @Test
    void externalDataIsRejectedWithAHint() {
        TensorProto external = OnnxModels.floats("w", new float[0], 2, 3).toBuilder()
                .setDataLocation(TensorProto.DataLocation.EXTERNAL).build();
        ModelProto m = OnnxModels.withImageInput("x", 1, 3).initializer(external)
                .node("fc", "Gemm", new String[] {"x", "w"}, "y").output("y").build();
        Diagnostic d = diagnosticsOf(m).get(0);
        assertEquals(DiagnosticCode.EXTERNAL_DATA, d.code());
        assertTrue(d.hint().contains("save_as_external_data"), d.hint());
    }

    @Test
    void wrongInputRankIsRejected() {
        ModelProto m = OnnxModels.withImageInput("x", 1, 3, 8, 8, 8)
                .node("r", "Relu", new String[] {"x"}, "y").output("y").build();
        Diagnostic d = diagnosticsOf(m).get(0);
        assertEquals(DiagnosticCode.BAD_INPUT_SIGNATURE, d.code());
        assertTrue(d.message().contains("rank 5"), d.message());
    }

    @Test
    void opsetOutsideTheSupportedRangeIsRejected() {
        ModelProto m = OnnxModels.withImageInput("x", 1, 3).opset(99)
                .node("r", "Relu", new String[] {"x"}, "y").output("y").build();
        Diagnostic d = diagnosticsOf(m).get(0);
        assertEquals(DiagnosticCode.UNSUPPORTED_OPSET, d.code());
        assertTrue(d.message().contains("99"), d.message());
    }

    @Test
    void computedWeightsAreRejected() {
        ModelProto m = OnnxModels.withImageInput("x", 1, 1, 4, 4)
                .node("c", "Conv", new String[] {"x", "x"}, "y").output("y").build();
        assertEquals(DiagnosticCode.UNSUPPORTED_ATTRIBUTE, diagnosticsOf(m).get(0).code());
    }

    @Test
    void dataSizeDisagreeingWithDimsIsMalformed() {
        ModelProto m = OnnxModels.withImageInput("x", 1, 3)
                .initializer(OnnxModels.floats("w", new float[] {1, 2}, 2, 3))
                .node("fc", "Gemm", new String[] {"x", "w"}, "y").output("y").build();
        Diagnostic d = diagnosticsOf(m).get(0);
        assertEquals(DiagnosticCode.MALFORMED_MODEL, d.code());
        assertTrue(d.message().contains("has 2 values") && d.message().contains("needs 6"), d.message());
    }

    @Test
    void garbageBytesAreAMalformedModel() {
        SnncException e = assertThrows(SnncException.class,
                () -> IMPORTER.importBytes(new byte[] {(byte) 0xff, 0x01, 0x02}, "junk"));
        assertEquals(DiagnosticCode.MALFORMED_MODEL, e.diagnostics().get(0).code());
    }
}
