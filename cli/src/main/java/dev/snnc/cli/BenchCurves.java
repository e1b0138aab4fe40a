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

    /**
     * Per method, accuracy by T for {@code model}, taken only from rows evaluated on the most common
     * number of test images, so one curve never mixes test sets.
     */
    static Map<String, Map<Integer, Double>> accuracyVsT(Path results, String model) {
        Map<Integer, Map<String, Map<Integer, Double>>> bySize = new TreeMap<>();
        if (!Files.isDirectory(results)) {
            return new TreeMap<>();
        }
        try (var files = Files.list(results)) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (!f.getFileName().toString().startsWith("calibration-") || !f.toString().endsWith(".json")) {
                    continue;
                }
                JsonNode rows = new ObjectMapper().readTree(f.toFile()).path("rows");
                for (JsonNode r : rows) {
                    if (model.equals(r.path("model").asText()) && r.path("timesteps").asInt() > 0) {
                        bySize.computeIfAbsent(r.path("test_images").asInt(), k -> new TreeMap<>())
                                .computeIfAbsent(r.path("method").asText(), k -> new TreeMap<>())
                                .put(r.path("timesteps").asInt(), r.path("accuracy_percent").asDouble());
                    }
                }
            }
        } catch (IOException e) {
            return new TreeMap<>(); // the report still renders without the curves
        }
        return bySize.values().stream().max(java.util.Comparator.comparingInt(
                m -> m.values().stream().mapToInt(Map::size).sum())).orElse(new TreeMap<>());
    }
}
