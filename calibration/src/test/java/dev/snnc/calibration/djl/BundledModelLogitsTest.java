package dev.snnc.calibration.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.frontend.data.CifarBinaryDataset;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.Graph;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bundled models on DJL reproduce the logits PyTorch exported at training time for the first
 * 100 test images (the bundled subsets hold them) to 1e-4: the grayscale MobileNet and the colour
 * MobileNetV1-32 (CIFAR-format subset).
 */
class BundledModelLogitsTest {
    static final Path MODELS = Path.of("..", "models");
    static final Path MODEL = MODELS.resolve("mobilenet-fashion.onnx");
    static final Path SUBSET = Path.of("..", "data", "fashion-mnist-subset");
    static final Path RGB_SUBSET = Path.of("..", "data", "fashion-rgb-subset", "cifar");

    static Stream<Arguments> models() {
        Supplier<LabeledImages> gray = () -> MnistFormatDataset.load(SUBSET, MnistFormatDataset.Split.TEST);
        Supplier<LabeledImages> rgb = () -> CifarBinaryDataset.load(RGB_SUBSET, CifarBinaryDataset.detect(RGB_SUBSET),
                MnistFormatDataset.Split.TEST);
        return Stream.of(Arguments.of("mobilenet-fashion", gray), Arguments.of("mobilenet-v1-32-fashion-rgb", rgb));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void logitsMatchPyTorchOnTheFirst100TestImages(String model, Supplier<LabeledImages> testSet) throws IOException {
        Graph g = ModelLoader.load(MODELS.resolve(model + ".onnx"));
        JsonNode ref = new ObjectMapper().readTree(MODELS.resolve(model + ".reference.json").toFile())
                .get("logits_first_100");
        LabeledImages images = testSet.get().first(100);
        int classes = ref.get(0).size();
        float[] logits;
        try (FloatGraphExecutor exec = new FloatGraphExecutor(g, 2)) {
            logits = exec.forward(images.batch(0, 100, g.preprocessing().orElseThrow()), 100);
        }
        assertEquals(100, ref.size());
        assertEquals(100 * classes, logits.length);
        double worst = 0;
        for (int i = 0; i < 100; i++) {
            for (int k = 0; k < classes; k++) {
                worst = Math.max(worst, Math.abs(ref.get(i).get(k).asDouble() - logits[i * classes + k]));
            }
        }
        assertTrue(worst <= 1e-4, model + ": largest logit difference to PyTorch: " + worst);
    }
}
