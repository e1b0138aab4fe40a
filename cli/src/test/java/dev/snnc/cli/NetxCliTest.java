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

/**
 * {@code compile --target netx}: the model is calibrated for netx's neuron (reset to zero, fire
 * ratios searched), quantized with biases in steps of 64 and no starting potentials, and written as
 * netx HDF5 plus the host's first layer; a model netx cannot express is refused naming the layer.
 */
class NetxCliTest {
    static final String SEQUENTIAL = Path.of("..", "testdata", "models", "mobilenet_bn_folded.onnx").toString();

    @Test
    void aSequentialModelCompilesToNetxFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("netx");
        CliRunner c = CliRunner.run("compile", SEQUENTIAL, "--target", "netx", "--T", "4", "--calib-images", "64",
                "--recal-images", "8", "--iterations", "1", "--eval-images", "20", "--data", CliTest.SUBSET, "-o",
                out.toString(), "-q");
        assertEquals(0, c.exitCode(), c.err());
        for (String f : new String[] {"network.net", "host_input.json", "model.snn", "model.fx", "report.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        String snn = Files.readString(out.resolve("model.snn"));
        assertTrue(snn.contains("\"reset\" : \"ZERO\""), "calibrated for the neuron netx runs");
        JsonNode host = new ObjectMapper().readTree(out.resolve("host_input.json").toFile());
        assertEquals("snnc-netx-host-input", host.get("format").asText());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(report.toString().contains("\"blocks\""), report.toString());
    }

    @Test
    void aResidualModelIsRefusedNamingTheLayerAndNothingIsWritten(@TempDir Path dir) {
        Path out = dir.resolve("netx");
        CliRunner c = CliRunner.run("compile", CompileCliTest.MODEL, "--target", "netx", "--T", "4", "--calib-images", "64",
                "--recal-images", "8", "--iterations", "1", "--eval-images", "20", "--data", CliTest.SUBSET, "-o",
                out.toString(), "-q");
        assertEquals(2, c.exitCode(), c.out());
        assertTrue(c.err().contains("SNNC-E108") && c.err().contains("residual sums"), c.err());
        assertFalse(Files.exists(out.resolve("network.net")));
    }
}
