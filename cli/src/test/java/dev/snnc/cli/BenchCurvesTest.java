package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCurvesTest {
    @Test
    void curvesComeFromOneTestSetSize(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("calibration-a.json"), """
                {"rows": [{"model": "m", "method": "light", "timesteps": 8, "test_images": 1000, "accuracy_percent": 60.0},
                          {"model": "m", "method": "light", "timesteps": 32, "test_images": 1000, "accuracy_percent": 92.0},
                          {"model": "m", "method": "ANN", "timesteps": 0, "test_images": 1000, "accuracy_percent": 93.7},
                          {"model": "other", "method": "light", "timesteps": 32, "test_images": 1000, "accuracy_percent": 1.0}]}""");
        Files.writeString(dir.resolve("calibration-b.json"), """
                {"rows": [{"model": "m", "method": "light", "timesteps": 32, "test_images": 10000, "accuracy_percent": 90.05}]}""");
        Map<String, Map<Integer, Double>> curves = BenchCurves.accuracyVsT(dir, "m");
        assertEquals(Map.of("light", Map.of(8, 60.0, 32, 92.0)), curves);
    }
}
