package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CalibrateCliTest {
    static final String SUBSET = CliTest.SUBSET;

    private static String[] calibrate(String model, Path out, String... extra) {
        String[] base = {"calibrate", model, "--T", "4", "--method", "light", "--calib-images", "64", "--batch-size", "32",
            "--threshold-batches", "2", "--threads", "1", "--data", SUBSET, "-o", out.toString(), "--json"};
        String[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void calibrateWritesAnSnnFileThatEvalRuns(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("residual.snn");
        CliRunner r = CliRunner.run(calibrate(CliTest.RESIDUAL, out));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode report = new ObjectMapper().readTree(r.out());
        assertEquals(3, report.get("layers").size());
        assertEquals("light", report.get("method").asText());
        assertEquals("bias", report.get("steps").asText());
        assertTrue(Files.size(out) > 10_000);

        CliRunner e = CliRunner.run("eval", out.toString(), "--data", SUBSET, "--limit", "40", "--json", "--threads", "1");
        assertEquals(0, e.exitCode(), e.err());
        JsonNode eval = new ObjectMapper().readTree(e.out());
        assertEquals(40, eval.get("images").asInt());
        assertEquals(4, eval.get("timesteps").asInt());
        assertEquals(3, eval.get("firing_rates").size());

        CliRunner longer = CliRunner.run("eval", out.toString(), "--data", SUBSET, "--limit", "8", "--T", "8", "--json");
        assertEquals(8, new ObjectMapper().readTree(longer.out()).get("timesteps").asInt());

        CliRunner inspect = CliRunner.run("inspect", out.toString(), "--json");
        assertEquals(0, inspect.exitCode(), inspect.err());
        JsonNode snn = new ObjectMapper().readTree(inspect.out()).get("snn");
        assertEquals(4, snn.get("timesteps").asInt());
        assertEquals(3, snn.get("populations").size());
        for (JsonNode p : snn.get("populations")) {
            assertEquals("subtract", p.get("reset").asText());
            assertTrue(p.get("threshold_min").asDouble() > 0, p.toString());
            assertEquals(1.0, p.get("fire_ratio_max").asDouble());
        }
        CliRunner table = CliRunner.run("inspect", out.toString());
        assertTrue(table.out().startsWith("calibrated SNN: T=4, analog input coding"), table.out());
    }

    /**
     * {@code eval --quantized-ann}: the ANN at the SNN's thresholds, quantized to T levels. One level
     * per population (T=1) must cost accuracy against 64; ANN models and neurons that reset to zero
     * are refused by name.
     */
    @Test
    void quantizedAnnViewEvaluatesTheConvertedAnnAtTLevels(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("mobilenet.snn");
        assertEquals(0, CliRunner.run(calibrate(Path.of("..", "models", "mobilenet-fashion.onnx").toString(), out)).exitCode());
        ObjectMapper json = new ObjectMapper();
        JsonNode fine = json.readTree(CliRunner.run("eval", out.toString(), "--quantized-ann", "--T", "64", "--data", SUBSET,
                "--limit", "300", "--json", "--threads", "1").out());
        assertEquals("quantized-ann", fine.get("view").asText());
        assertEquals(64, fine.get("timesteps").asInt());
        assertEquals(300, fine.get("images").asInt());
        CliRunner coarse = CliRunner.run("eval", out.toString(), "--quantized-ann", "--T", "1", "--data", SUBSET,
                "--limit", "300", "--json", "--threads", "1");
        assertEquals(0, coarse.exitCode(), coarse.err());
        double oneLevel = json.readTree(coarse.out()).get("accuracy").asDouble();
        assertTrue(oneLevel < fine.get("accuracy").asDouble() - 0.05, oneLevel + " vs " + fine);
        CliRunner text = CliRunner.run("eval", out.toString(), "--quantized-ann", "--data", SUBSET, "--limit", "20");
        assertTrue(text.out().contains("(quantized ANN, T=4)"), text.out());

        CliRunner ann = CliRunner.run("eval", CliTest.RESIDUAL, "--quantized-ann", "--data", SUBSET, "--limit", "8");
        assertEquals(2, ann.exitCode());
        assertTrue(ann.err().contains("SNNC-E") && ann.err().contains("needs a calibrated .snn"), ann.err());
        Path garbage = Files.write(dir.resolve("garbage.snn"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        CliRunner corrupt = CliRunner.run("eval", garbage.toString(), "--quantized-ann", "--data", SUBSET, "--limit", "8");
        assertEquals(2, corrupt.exitCode());
        assertFalse(corrupt.err().contains("is an ANN"), corrupt.err());
        assertTrue(corrupt.err().contains("SNNC-E"), corrupt.err());
        Path zero = dir.resolve("zero.snn");
        assertEquals(0, CliRunner.run(calibrate(CliTest.RESIDUAL, zero, "--reset", "zero", "--compare", "gt")).exitCode());
        CliRunner refused = CliRunner.run("eval", zero.toString(), "--quantized-ann", "--data", SUBSET, "--limit", "8");
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("resets to zero") && refused.err().contains("population '"), refused.err());
    }

    @Test
    void phaseCopiesGiveAPlainGraphThatStockLoihiRunsBitExactly(@TempDir Path dir) throws Exception {
        Path snn = dir.resolve("copies.snn");
        String mobilenet = Path.of("..", "models", "mobilenet-fashion.onnx").toString();
        CliRunner r = CliRunner.run(calibrate(mobilenet, snn, "--reset", "zero", "--compare", "gt", "--phase-copies", "2"));
        assertEquals(0, r.exitCode(), r.err());
        JsonNode populations = new ObjectMapper().readTree(CliRunner.run("inspect", snn.toString(), "--json").out())
                .get("snn").get("populations");
        assertEquals(11, populations.size());
        Path fx = dir.resolve("copies.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--reset", "zero", "--data", SUBSET,
                "-o", fx.toString(), "--iterations", "0");
        assertEquals(0, q.exitCode(), q.err());
        CliRunner s = CliRunner.run("simulate", fx.toString(), "--data", SUBSET, "--limit", "20", "--json");
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(20, new ObjectMapper().readTree(s.out()).get("images").asInt());
        // netx starts every neuron at 0 and cannot hold the copies' staggered potentials: a diagnostic, no file
        Path netx = dir.resolve("copies-netx.fx");
        CliRunner n = CliRunner.run("quantize", snn.toString(), "--target", "netx", "--data", SUBSET, "-o", netx.toString());
        assertEquals(2, n.exitCode(), n.out());
        assertTrue(n.err().contains("SNNC-E108") && n.err().contains("--phase-copies"), n.err());
        assertFalse(Files.exists(netx));
        CliRunner view = CliRunner.run("eval", snn.toString(), "--quantized-ann", "--data", SUBSET, "--limit", "8");
        assertEquals(2, view.exitCode(), view.out());
        assertTrue(view.err().contains("2 phase copies"), view.err());

        Path residual = dir.resolve("residual.snn");
        CliRunner refused = CliRunner.run(calibrate(CliTest.RESIDUAL, residual, "--phase-copies", "2"));
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("phase copies cannot split activation"), refused.err());
        assertFalse(Files.exists(residual));
        assertEquals(2, CliRunner.run(calibrate(CliTest.RESIDUAL, residual, "--phase-copies", "0")).exitCode());
    }

    @Test
    void unconvertibleModelFailsWithoutWritingAFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("maxpool.snn");
        CliRunner r = CliRunner.run(calibrate(Path.of("..", "testdata", "models", "maxpool_on_input.onnx").toString(), out));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("SNNC-E108"), r.err());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no partial output");
        }
    }

    @Test
    void badOptionsAndUnwritableOutputAreExitCode2(@TempDir Path dir) {
        assertEquals(2, CliRunner.run(calibrate(CliTest.RESIDUAL, dir.resolve("a.snn"), "--method", "heavy")).exitCode());
        assertEquals(2, CliRunner.run(calibrate(CliTest.RESIDUAL, dir.resolve("a.snn"), "--T", "0")).exitCode());
        assertEquals(2, CliRunner.run(calibrate(CliTest.RESIDUAL, dir.resolve("a.snn"), "--reset", "half")).exitCode());
        CliRunner r = CliRunner.run(calibrate(CliTest.RESIDUAL, Path.of("/proc/no-such-dir/a.snn")));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("SNNC-E301"), r.err());
    }
}
