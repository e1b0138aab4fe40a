package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.frontend.data.MnistFormatDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code snnc eval} on the full 10,000-image Fashion-MNIST test set (Debian dataset-fashion-mnist,
 * installed by .ci/run) agrees with PyTorch's accuracy recorded at training time within 0.05
 * points, and the model meets the 91% the demo promises.
 */
class BundledModelAccuracyTest {
    @Test
    void fullTestSetAccuracyMatchesPyTorch() throws Exception {
        assertTrue(Files.isDirectory(MnistFormatDataset.DEBIAN_FASHION_MNIST),
                "install Debian package dataset-fashion-mnist (.ci/run does)");
        CliRunner r = CliRunner.run("eval", Path.of("..", "models", "mobilenet-fashion.onnx").toString(), "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode eval = new ObjectMapper().readTree(r.out());
        JsonNode ref = new ObjectMapper().readTree(Path.of("..", "models", "mobilenet-fashion.reference.json").toFile());
        assertEquals(10_000, eval.get("images").asInt());
        double snnc = 100 * eval.get("accuracy").asDouble();
        double torch = 100 * ref.get("test_accuracy").asDouble();
        assertEquals(torch, snnc, 0.05, "snnc " + snnc + "% vs PyTorch " + torch + "%");
        assertTrue(snnc >= 91.0, "bundled model accuracy " + snnc + "% is below 91%");
    }
}
