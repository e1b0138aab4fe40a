package dev.snnc.calibration.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.ir.Graph;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.ChannelAffine;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Linear;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Small models exported by PyTorch (testdata/models, made by models/tools/make_test_models.py):
 * BN folded and unfolded, residual Adds, AvgPool stacks with Pad/ceil/count_include_pad, Flatten
 * then Gemm, MatMul+Add, MaxPool. Each imports, and its DJL output equals PyTorch's within 1e-4.
 */
class ExportedModelsTest {
    static final Path MODELS = Path.of("..", "testdata", "models");

    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_bn_unfolded", "mobilenet_bn_folded", "residual", "avgpool_stack",
        "matmul_add", "maxpool"})
    void matchesPyTorch(String name) throws IOException {
        Graph g = ModelLoader.load(MODELS.resolve(name + ".onnx"));
        JsonNode expected = new ObjectMapper().readTree(MODELS.resolve(name + ".expected.json").toFile());
        float[] input = floats(expected.get("input"));
        float[] want = floats(expected.get("output"));
        int batch = expected.get("input_shape").get(0).asInt();
        float[] got;
        try (FloatGraphExecutor exec = new FloatGraphExecutor(g, 1)) {
            got = exec.forward(input, batch);
        }
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            double tol = 1e-4 * Math.max(1, Math.abs(want[i]));
            assertTrue(Math.abs(want[i] - got[i]) <= tol, name + " output " + i + ": PyTorch " + want[i] + ", snnc " + got[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mobilenet_bn_unfolded", "residual"})
    void batchNormIsFoldedAway(String name) {
        Graph g = ModelLoader.load(MODELS.resolve(name + ".onnx"));
        assertFalse(g.ops().stream().anyMatch(op -> op instanceof ChannelAffine), g::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"residual"})
    void residualAddsSurvive(String name) {
        Graph g = ModelLoader.load(MODELS.resolve(name + ".onnx"));
        assertEquals(2, g.ops().stream().filter(op -> op instanceof Add).count(), g::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"avgpool_stack"})
    void padNodesAreAbsorbedIntoPools(String name) {
        Graph g = ModelLoader.load(MODELS.resolve(name + ".onnx"));
        assertEquals(3, g.ops().stream().filter(op -> op instanceof AvgPool2d).count(), g::toString);
        assertEquals(2, g.ops().stream().filter(op -> op instanceof Conv2d).count());
    }

    @ParameterizedTest
    @ValueSource(strings = {"matmul_add"})
    void matMulAddBecomesLinearWithBias(String name) {
        Graph g = ModelLoader.load(MODELS.resolve(name + ".onnx"));
        assertEquals(2, g.ops().stream().filter(op -> op instanceof Linear).count(), g::toString);
    }

    static float[] floats(JsonNode array) {
        float[] f = new float[array.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) array.get(i).asDouble();
        }
        return f;
    }
}
