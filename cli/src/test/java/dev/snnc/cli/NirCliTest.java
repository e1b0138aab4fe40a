package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A calibrated model exported to NIR and read back by snnc predicts exactly as the .snn does, in float and bit-exact. */
class NirCliTest {
    @Test
    void theNirFileEvaluatesAndSimulatesLikeTheSnnFile(@TempDir Path dir) throws Exception {
        Path snn = dir.resolve("m.snn");
        Path nir = dir.resolve("m.nir");
        CliRunner c = CliRunner.run("calibrate", CompileCliTest.MODEL, "--T", "8", "--method", "advanced", "--calib-images",
                "32", "--scale", "0.00392156862745098", "--data", CliTest.SUBSET, "-o", snn.toString(), "-q");
        assertEquals(0, c.exitCode(), c.err());
        CliRunner e = CliRunner.run("export", snn.toString(), "--format", "nir", "-o", nir.toString());
        assertEquals(0, e.exitCode(), e.err());
        ObjectMapper json = new ObjectMapper();
        for (String command : new String[] {"eval", "simulate"}) {
            JsonNode a = json.readTree(CliRunner.run(command, snn.toString(), "--data", CliTest.SUBSET, "--limit", "100",
                    "--json", "-q").out());
            JsonNode b = json.readTree(CliRunner.run(command, nir.toString(), "--data", CliTest.SUBSET, "--limit", "100",
                    "--json", "-q").out());
            assertEquals(a.get("accuracy"), b.get("accuracy"), command);
            assertTrue(a.has("accuracy"), a.toString());
            assertEquals(a.get("firing_rates"), b.get("firing_rates"), command + ": firing rate of every population");
            if (command.equals("simulate")) {
                assertEquals(a.get("spikes"), b.get("spikes"), "bit-exact spikes per population");
                assertEquals(a.get("synaptic_ops"), b.get("synaptic_ops"));
            }
        }
    }
}
