package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integer simulator on the wide-integer ideal profile reproduces the float SNN of a calibrated
 * bundled MobileNet: predictions agree on at least 99% of images (the full-size comparison is a
 * benchmark).
 */
class SimulateCliTest {
    @Test
    void idealSimulationAgreesWithTheFloatSnn(@TempDir Path dir) throws Exception {
        Path snn = dir.resolve("m.snn");
        CliRunner c = CliRunner.run("calibrate", Path.of("..", "models", "mobilenet-fashion.onnx").toString(), "--T", "8",
                "--method", "light", "--calib-images", "128", "--batch-size", "64", "--threshold-batches", "2",
                "--data", CliTest.SUBSET, "-o", snn.toString(), "-q");
        assertEquals(0, c.exitCode(), c.err());
        CliRunner s = CliRunner.run("simulate", snn.toString(), "--data", CliTest.SUBSET, "--limit", "100",
                "--compare-float", "--json");
        assertEquals(0, s.exitCode(), s.err());
        JsonNode j = new ObjectMapper().readTree(s.out());
        assertEquals(100, j.get("images").asInt());
        assertTrue(j.get("prediction_agreement").asDouble() >= 0.99, s.out());
        assertEquals(j.get("float_snn_accuracy").asDouble(), j.get("accuracy").asDouble(), 0.011, s.out());
        assertTrue(j.get("synaptic_ops").asLong() > 0);
        assertEquals(11, j.get("firing_rates").size());
    }

    @Test
    void targetsWithoutAQuantizerAreRefused(@TempDir Path dir) {
        CliRunner s = CliRunner.run("simulate", dir.resolve("x.snn").toString(), "--target", "loihi2");
        assertEquals(2, s.exitCode());
        assertTrue(s.err().contains("needs the quantizer"), s.err());
    }
}
