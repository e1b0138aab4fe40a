package dev.snnc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Accuracy-vs-T curves per calibration method from the calibration benchmark results, for the report. */
final class BenchCurves {
    private BenchCurves() {
    }

    static Map<String, Map<Integer, Double>> accuracyVsT(Path results, String model) {
        Map<String, Map<Integer, Double>> curves = new TreeMap<>();
        if (!Files.isDirectory(results)) {
            return curves;
        }
        try (var files = Files.list(results)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (!f.getFileName().toString().startsWith("calibration-") || !f.toString().endsWith(".json")) {
                    continue;
                }
                JsonNode rows = new ObjectMapper().readTree(f.toFile()).path("rows");
                for (JsonNode r : rows) {
                    if (model.equals(r.path("model").asText()) && r.path("timesteps").asInt() > 0) {
                        curves.computeIfAbsent(r.path("method").asText(), k -> new TreeMap<>())
                                .put(r.path("timesteps").asInt(), r.path("accuracy_percent").asDouble());
                    }
                }
            }
        } catch (IOException e) {
            return new TreeMap<>(); // the report still renders without the curves
        }
        return curves;
    }
}
