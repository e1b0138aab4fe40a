package dev.snnc.calibration.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.Graph;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The bundled MobileNet on DJL reproduces the logits PyTorch exported at training time for the
 * first 100 test images (the bundled subset holds them) to 1e-4.
 */
class BundledModelLogitsTest {
    static final Path MODEL = Path.of("..", "models", "mobilenet-fashion.onnx");
    static final Path REFERENCE = Path.of("..", "models", "mobilenet-fashion.reference.json");
    static final Path SUBSET = Path.of("..", "data", "fashion-mnist-subset");

    @Test
    void logitsMatchPyTorchOnTheFirst100TestImages() throws IOException {
        Graph g = ModelLoader.load(MODEL);
        JsonNode ref = new ObjectMapper().readTree(REFERENCE.toFile()).get("logits_first_100");
        LabeledImages images = MnistFormatDataset.load(SUBSET, MnistFormatDataset.Split.TEST).first(100);
        float[] logits;
        try (FloatGraphExecutor exec = new FloatGraphExecutor(g, 2)) {
            logits = exec.forward(images.batch(0, 100, g.preprocessing().orElseThrow()), 100);
        }
        assertEquals(100, ref.size());
        double worst = 0;
        for (int i = 0; i < 100; i++) {
            for (int k = 0; k < 10; k++) {
                worst = Math.max(worst, Math.abs(ref.get(i).get(k).asDouble() - logits[i * 10 + k]));
            }
        }
        assertTrue(worst <= 1e-4, "largest logit difference to PyTorch: " + worst);
    }
}
