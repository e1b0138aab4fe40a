package dev.snnc.calibration.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Splitting activations into copies changes no ANN output, and copies start at staggered potentials. */
class PhaseCopiesTest {
    private static final Path SUBSET = Path.of("..", "data", "fashion-mnist-subset");

    private static Graph load(String path) {
        return ModelLoader.load(Path.of("..", path));
    }

    @ParameterizedTest
    @CsvSource({"models/mobilenet-fashion.onnx, 2", "models/mobilenet-fashion.onnx, 3", "models/vgg-maxpool-fashion.onnx, 2",
        "testdata/models/mobilenet_bn_unfolded.onnx, 4", "models/vgg-fashion.onnx, 2"})
    void theExpandedAnnComputesTheSameLogitsAndEachCopyCarriesOneKth(String model, int k) throws Exception {
        Graph ann = load(model);
        Graph expanded = PhaseCopies.expand(ann, k);
        assertEquals(k, PhaseCopies.of(expanded));
        String relu = ann.nodes().stream().filter(n -> n.op() instanceof dev.snnc.ir.op.Relu).findFirst().orElseThrow().name();
        assertEquals(k * ann.shapeOf(relu).dim(0), expanded.shapeOf(relu).dim(0));
        Preprocessing pre = ann.preprocessing().orElse(new Preprocessing(1 / 255.0, List.of(0.286), List.of(0.353)));
        LabeledImages images = MnistFormatDataset.load(SUBSET, MnistFormatDataset.Split.TEST).first(4);
        Map<String, float[]> original = forward(ann, images, pre, relu);
        Map<String, float[]> split = forward(expanded, images, pre, relu);
        float[] a = original.get(ann.outputName());
        assertArrayEquals(a, split.get(ann.outputName()), 2e-4f * (1 + max(a)), model + " logits");
        // the first activation: copy j of channel c holds a[c]/k
        float[] act = original.get(relu);
        float[] copies = split.get(relu);
        int perChannel = Math.toIntExact(ann.shapeOf(relu).size() / ann.shapeOf(relu).dim(0));
        int channels = ann.shapeOf(relu).dim(0);
        for (int img = 0; img < 4; img++) {
            for (int c = 0; c < channels; c++) {
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < perChannel; i++) {
                        float want = act[(img * channels + c) * perChannel + i] / k;
                        float got = copies[((img * channels + c) * k + j) * perChannel + i];
                        assertEquals(want, got, 1e-4f * (1 + Math.abs(want)), "image " + img + " channel " + c + " copy " + j);
                    }
                }
            }
        }
    }

    private static float max(float[] v) {
        float m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    /** The output logits and the activation {@code relu} of 4 images, flattened. */
    private static Map<String, float[]> forward(Graph g, LabeledImages images, Preprocessing pre, String relu) throws Exception {
        try (FloatGraphExecutor exec = new FloatGraphExecutor(g, 1); NDManager scope = exec.manager().newSubManager()) {
            NDArray input = exec.inputArray(scope, images.batch(0, 4, pre), 4);
            Map<String, NDArray> out = exec.forwardKeeping(input, Set.of(g.outputName(), relu));
            return Map.of(g.outputName(), out.get(g.outputName()).toFloatArray(), relu, out.get(relu).toFloatArray());
        }
    }

    /** The bundled MobileNet split into k copies (none for k = 1), converted to neurons that reset to zero. */
    private static Graph mobilenetResettingToZero(int k) {
        return AnnToSnn.convert(PhaseCopies.expand(load("models/mobilenet-fashion.onnx"), k),
                new NeuronModel(NeuronModel.Reset.ZERO, NeuronModel.Comparison.GREATER, true));
    }

    private static String firstPopulation(Graph snn) {
        return snn.nodes().stream().filter(n -> n.op() instanceof IfNeuron).findFirst().orElseThrow().name();
    }

    @Test
    void copiesOfAChannelStartAtPotentialsStaggeredByAKthOfTheirThreshold() {
        Graph snn = mobilenetResettingToZero(4);
        String first = firstPopulation(snn);
        IfNeuron f = (IfNeuron) snn.node(first).orElseThrow().op();
        float[] theta = new float[snn.shapeOf(first).dim(0)];
        for (int c = 0; c < theta.length; c++) {
            theta[c] = 0.5f + c;
        }
        snn = snn.withOp(first, new IfNeuron(Tensor.of(theta, theta.length), f.bias(), f.initialPotential(), f.model()));
        Graph staggered = PhaseCopies.stagger(snn);
        float[] v = ((IfNeuron) staggered.node(first).orElseThrow().op()).initialPotential().toArray();
        int perChannel = v.length / theta.length;
        float[] offsets = {-0.375f, -0.125f, 0.125f, 0.375f};
        for (int c = 0; c < theta.length; c++) {
            assertEquals(offsets[c % 4] * theta[c], v[c * perChannel + perChannel - 1], 1e-6f, "channel " + c);
        }
        Graph plain = AnnToSnn.convert(load("models/mobilenet-fashion.onnx"), NeuronModel.REFERENCE);
        assertSame(plain, PhaseCopies.stagger(plain), "graphs without copies are left alone");
    }

    @Test
    void aResidualSumIsRefusedNamingTheActivation() {
        SnncException e = assertThrows(SnncException.class, () -> PhaseCopies.expand(load("testdata/models/residual.onnx"), 2));
        assertTrue(e.getMessage().contains("SNNC-E108") && e.getMessage().contains("phase copies cannot split activation")
                && e.getMessage().contains("Add"), e.getMessage());
        assertThrows(SnncException.class, () -> PhaseCopies.expand(load("models/mobilenet-fashion.onnx"), 9));
        Graph ann = load("models/mobilenet-fashion.onnx");
        assertSame(ann, PhaseCopies.expand(ann, 1));
    }

    @Test
    void repeatInterleavesRunsOfABlock() {
        Tensor t = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 1, 6);
        assertArrayEquals(new float[] {1, 2, 3, 1, 2, 3, 4, 5, 6, 4, 5, 6}, PhaseCopies.repeat(t, 1, 2, 3, 1f).toArray());
        assertArrayEquals(new float[] {0.5f, 0.5f, 1, 1, 1.5f, 1.5f, 2, 2, 2.5f, 2.5f, 3, 3},
                PhaseCopies.repeat(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 6), 0, 2, 1, 0.5f).toArray());
    }
}
