package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Benchmark result files: their table writer, and the simulator suite on a small model. */
class BenchTest {
    @Test
    void tableIsRewrittenAfterEveryRow(@TempDir Path dir) throws Exception {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("model", "model");
        columns.put("rate", "rate");
        columns.put("ops", "ops/s");
        BenchTable table = new BenchTable("demo", "Demo", Map.of("command", "./snnc bench demo"), columns, "A note.");
        Path json = dir.resolve("demo.json");
        Path md = dir.resolve("demo.md");
        table.add(row("a", 0.1235, 2.5e9), json, md);
        assertEquals(1, new ObjectMapper().readTree(json.toFile()).get("rows").size());
        table.add(row("b", 0.5, null), json, md);
        JsonNode doc = new ObjectMapper().readTree(json.toFile());
        assertEquals("demo", doc.get("benchmark").asText());
        assertEquals("./snnc bench demo", doc.get("command").asText());
        assertEquals(2, doc.get("rows").size());
        List<String> lines = Files.readAllLines(md);
        assertEquals("# Demo", lines.get(0));
        assertTrue(lines.contains("command: `./snnc bench demo`  "), lines.toString());
        assertTrue(lines.contains("| model | rate | ops/s |"), lines.toString());
        assertTrue(lines.contains("| a | 0.1235 | 2.50e+09 |"), lines.toString());
        assertTrue(lines.contains("| b | 0.5 | - |"), lines.toString());
    }

    private static Map<String, Object> row(String model, double rate, Double ops) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("model", model);
        r.put("rate", rate);
        r.put("ops", ops);
        return r;
    }

    @Test
    void simulatorSuiteMeasuresEveryEngineOnTheSameImages(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("bench", "simulator", "--models", Path.of("..", "testdata", "models", "residual.onnx").toString(),
                "--timesteps", "4", "--test-images", "20", "--calib-images", "32", "--data", CliTest.SUBSET,
                "--out", dir.toString(), "--name", "sim");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode rows = new ObjectMapper().readTree(dir.resolve("sim.json").toFile()).get("rows");
        assertEquals(List.of("float SNN (DJL)", "ideal", "loihi2", "fpga"),
                List.of(rows.get(0).get("engine").asText(), rows.get(1).get("engine").asText(),
                        rows.get(2).get("engine").asText(), rows.get(3).get("engine").asText()));
        long neurons = rows.get(0).get("neurons").asLong();
        assertTrue(neurons > 0);
        for (int i = 1; i < 4; i++) {
            JsonNode row = rows.get(i);
            assertEquals(neurons, row.get("neurons").asLong(), "one network size for every engine");
            assertTrue(row.get("synaptic_ops_per_second").asDouble() > 0, row.toString());
            assertTrue(row.get("steps").asInt() >= 4, row.toString());
        }
        assertTrue(rows.get(2).get("steps").asInt() > 4, "loihi2 adds a step of delay per synaptic layer");
        long tableRows = Files.readAllLines(dir.resolve("sim.md")).stream().filter(l -> l.startsWith("| residual")).count();
        assertEquals(4, tableRows);
    }

    @Test
    void unknownSuiteIsABadOptionAndWritesNothing(@TempDir Path dir) throws Exception {
        CliRunner r = CliRunner.run("bench", "speed", "--out", dir.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("unknown benchmark suite 'speed'"), r.err());
        try (var files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent());
        }
    }
}
