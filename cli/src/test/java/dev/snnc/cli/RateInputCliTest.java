package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model calibrated with rate-coded input: the ideal integer simulation reproduces its float SNN,
 * it quantizes with the pixels as spikes through on-chip synapses (one more step of delay on
 * Loihi), and the backends, which write analog input only, refuse it without output.
 */
class RateInputCliTest {
    @TempDir
    static Path dir;
    static Path snn;

    @BeforeAll
    static void calibrate() {
        snn = dir.resolve("rate.snn");
        CliRunner c = CliRunner.run("calibrate", CliTest.RESIDUAL, "--T", "16", "--method", "light", "--encoding", "rate",
                "--calib-images", "64", "--batch-size", "32", "--threshold-batches", "2", "--data", CliTest.SUBSET,
                "-o", snn.toString(), "-q");
        assertEquals(0, c.exitCode(), c.err());
    }

    @Test
    void idealSimulationAgreesWithTheRateCodedFloatSnn() throws Exception {
        CliRunner s = CliRunner.run("simulate", snn.toString(), "--data", CliTest.SUBSET, "--limit", "200",
                "--compare-float", "--json");
        assertEquals(0, s.exitCode(), s.err());
        JsonNode j = new ObjectMapper().readTree(s.out());
        assertTrue(j.get("prediction_agreement").asDouble() >= 0.99, s.out());
        assertEquals(j.get("float_snn_accuracy").asDouble(), j.get("accuracy").asDouble(), 0.011, s.out());
        assertEquals("rate", j.get("input_encoding").asText());
    }

    @Test
    void quantizedRateInputAddsAPipelineStepOnLoihiAndTheBackendRefusesIt() throws Exception {
        Path fx = dir.resolve("rate-loihi2.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--data", CliTest.SUBSET,
                "--calib-images", "32", "--iterations", "1", "-o", fx.toString(), "-q");
        assertEquals(0, q.exitCode(), q.err());
        JsonNode file = new ObjectMapper().readTree(fx.toFile());
        assertEquals("rate", file.get("input_encoding").get("kind").asText());
        assertEquals(255, file.get("input_encoding").get("full_scale").asInt());
        CliRunner s = CliRunner.run("simulate", fx.toString(), "--data", CliTest.SUBSET, "--limit", "100",
                "--compare-float", snn.toString(), "--json");
        assertEquals(0, s.exitCode(), s.err());
        JsonNode j = new ObjectMapper().readTree(s.out());
        // four synaptic layers, one step each, from the pixels' spikes to the readout (pixels -> relu_0 -> relu_1 ->
        // relu_2 -> readout): T + 4 steps; with analog input relu_0 is driven directly, T + 3
        assertEquals(16 + 4, j.get("steps_run").asInt(), s.out());
        assertTrue(j.get("prediction_agreement").asDouble() > 0.8, s.out());

        Path out = dir.resolve("never");
        CliRunner c = CliRunner.run("compile", fx.toString(), "-o", out.toString(), "--energy-images", "0");
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains("rate-coded pixel spikes") && c.err().contains("the Loihi backend"), c.err());
        assertFalse(Files.exists(out));
    }
}
