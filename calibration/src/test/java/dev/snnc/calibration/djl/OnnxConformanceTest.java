package dev.snnc.calibration.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.frontend.ModelLoader;
import dev.snnc.frontend.onnx.OnnxImporter;
import dev.snnc.frontend.onnx.OnnxTensors;
import dev.snnc.frontend.onnx.proto.OnnxProto.ModelProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.TensorProto;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ONNX operator conformance against Debian's libonnx-testdata: each case's model is imported
 * (graph inputs after the first are bound as constants, as weights are in real models), executed
 * on DJL, and compared with the expected output within 1e-5 relative (max-abs for tiny values).
 * Cases whose form snnc does not support must fail with the stated diagnostic code.
 * Data location: system property {@code snnc.onnx.testdata}, default Debian's path.
 */
class OnnxConformanceTest {
    static final Path ROOT = Path.of(System.getProperty("snnc.onnx.testdata", "/usr/share/libonnx-testdata/data/node"));

    @BeforeAll
    static void requireTestData() {
        assertTrue(Files.isDirectory(ROOT), "ONNX conformance data missing at " + ROOT
                + ": install Debian package libonnx-testdata (.ci/run does) or set -Dsnnc.onnx.testdata=DIR");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "test_basic_conv_with_padding", "test_basic_conv_without_padding", "test_conv_with_autopad_same",
        "test_conv_with_strides_and_asymmetric_padding", "test_conv_with_strides_no_padding",
        "test_conv_with_strides_padding",
        "test_batchnorm_epsilon", "test_batchnorm_example",
        "test_relu", "test_clip", "test_clip_default_max", "test_clip_default_min",
        "test_gemm_alpha", "test_gemm_beta", "test_gemm_default_no_bias", "test_gemm_default_scalar_bias",
        "test_gemm_default_single_elem_vector_bias", "test_gemm_default_vector_bias", "test_gemm_default_zero_bias",
        "test_gemm_transposeB", "test_matmul_2d",
        "test_averagepool_2d_default", "test_averagepool_2d_ceil", "test_averagepool_2d_pads",
        "test_averagepool_2d_pads_count_include_pad", "test_averagepool_2d_precomputed_pads",
        "test_averagepool_2d_precomputed_pads_count_include_pad", "test_averagepool_2d_precomputed_same_upper",
        "test_averagepool_2d_precomputed_strides", "test_averagepool_2d_same_lower", "test_averagepool_2d_same_upper",
        "test_averagepool_2d_strides",
        "test_globalaveragepool", "test_globalaveragepool_precomputed",
        "test_maxpool_2d_default", "test_maxpool_2d_ceil", "test_maxpool_2d_pads", "test_maxpool_2d_precomputed_pads",
        "test_maxpool_2d_precomputed_same_upper", "test_maxpool_2d_precomputed_strides", "test_maxpool_2d_same_lower",
        "test_maxpool_2d_same_upper", "test_maxpool_2d_strides",
        "test_flatten_axis1", "test_flatten_default_axis", "test_flatten_negative_axis3",
        "test_reshape_reduced_dims", "test_identity",
        "test_dropout_default", "test_dropout_default_ratio", "test_dropout_random_old"})
    void reproducesExpectedOutput(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        Graph g = ModelLoader.runPasses(new OnnxImporter().importModel(withBoundInputs(dir), name));
        Tensor input = readTensor(dir.resolve("test_data_set_0/input_0.pb"));
        Tensor expected = readTensor(dir.resolve("test_data_set_0/output_0.pb"));
        float[] actual;
        try (FloatGraphExecutor exec = new FloatGraphExecutor(g, 1)) {
            actual = exec.forward(input.toArray(), input.dim(0));
        }
        assertEquals(expected.size(), actual.length, name + ": output size");
        assertClose(expected.toArray(), actual, 1e-5, name);
    }

    static Stream<Arguments> rejectedCases() {
        return Stream.of(
                Arguments.of("test_gemm_transposeA", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_gemm_all_attributes", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_gemm_default_matrix_bias", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_batchnorm_example_training_mode", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_averagepool_3d_default", DiagnosticCode.BAD_INPUT_SIGNATURE),
                Arguments.of("test_averagepool_1d_default", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_maxpool_2d_dilations", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_maxpool_2d_uint8", DiagnosticCode.BAD_INPUT_SIGNATURE),
                Arguments.of("test_maxpool_with_argmax_2d_precomputed_pads", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_flatten_axis0", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_flatten_axis2", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_reshape_negative_dim", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_add_bcast", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_dropout_default_mask", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_convtranspose", DiagnosticCode.UNSUPPORTED_OP),
                Arguments.of("test_constant_pad", DiagnosticCode.UNSUPPORTED_ATTRIBUTE),
                Arguments.of("test_constantofshape_float_ones", DiagnosticCode.BAD_INPUT_SIGNATURE),
                Arguments.of("test_convinteger_with_padding", DiagnosticCode.BAD_INPUT_SIGNATURE),
                Arguments.of("test_convtranspose_dilations", DiagnosticCode.UNSUPPORTED_OP),
                Arguments.of("test_matmul_3d", DiagnosticCode.UNSUPPORTED_ATTRIBUTE));
    }

    @ParameterizedTest
    @MethodSource("rejectedCases")
    void rejectsUnsupportedFormsWithADiagnostic(String name, DiagnosticCode code) throws IOException {
        ModelProto model = withBoundInputs(ROOT.resolve(name));
        SnncException e = assertThrows(SnncException.class, () -> new OnnxImporter().importModel(model, name));
        assertEquals(code, e.diagnostics().get(0).code(), e.getMessage());
    }

    /** The case's model with every graph input after the first turned into an initializer. */
    static ModelProto withBoundInputs(Path dir) throws IOException {
        ModelProto model = ModelProto.parseFrom(Files.readAllBytes(dir.resolve("model.onnx")));
        ModelProto.Builder b = model.toBuilder();
        for (int i = 1; i < model.getGraph().getInputCount(); i++) {
            Path pb = dir.resolve("test_data_set_0/input_" + i + ".pb");
            TensorProto t = TensorProto.parseFrom(Files.readAllBytes(pb)).toBuilder()
                    .setName(model.getGraph().getInput(i).getName()).build();
            b.getGraphBuilder().addInitializer(t);
        }
        return b.build();
    }

    static Tensor readTensor(Path pb) throws IOException {
        return OnnxTensors.toFloatTensor(TensorProto.parseFrom(Files.readAllBytes(pb)), Origin.SYNTHETIC);
    }

    /**
     * Relative {@code rel} for ordinary values; values below 1% of the output's largest magnitude
     * (results of cancellation) are held to {@code rel} of that 1% instead.
     */
    static void assertClose(float[] expected, float[] actual, double rel, String what) {
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double tol = rel * Math.max(Math.abs(expected[i]), Math.max(scale * 1e-2, 1e-6));
            boolean same = expected[i] == actual[i] || Math.abs(expected[i] - actual[i]) <= tol;
            assertTrue(same, what + ": element " + i + " expected " + expected[i] + " but was " + actual[i]
                    + " (tolerance " + tol + ")");
        }
    }

    @AfterAll
    static void done() {
        // engine stays up for other tests in this JVM; nothing to release here
    }
}
