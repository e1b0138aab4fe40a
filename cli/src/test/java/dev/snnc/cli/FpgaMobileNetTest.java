package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled MobileNet (T=2) through the FPGA engine: its parameter directory co-simulates bit- and
 * cycle-exactly under Verilator on three images back to back and under Icarus Verilog on one (a few
 * minutes: Icarus runs this network about a hundred times slower than Verilator), and
 * {@code --synth generic} puts a latch-free Yosys netlist, with every engine memory kept as a
 * memory, into the compile report.
 */
class FpgaMobileNetTest {
    @Test
    void cosimulatesUnderVerilatorAndSynthesizes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("fpga");
        // the bundled MobileNet itself (CompileCliTest's model is a small residual net), at T=2 so that one
        // image under Icarus stays within a few minutes
        CliRunner c = CliRunner.run("compile", Path.of("..", "models", "mobilenet-fashion.onnx").toString(), "--target",
                "fpga", "--T", "2", "--calib-images", "64", "--recal-images", "8", "--iterations", "1", "--eval-images", "20",
                "--data", CliTest.SUBSET, "--pe", "4", "--synth", "generic", "-o", dir.toString(), "-q");
        assertEquals(0, c.exitCode(), c.err());
        JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile()).path("details").path("fpga");
        JsonNode synth = report.path("synthesis");
        assertEquals("generic", synth.path("flow").asText(), report.toString());
        assertEquals(0, synth.path("latches").asLong());
        // every engine memory stays a memory; one with a single word and no write port is a constant Yosys folds
        // (neuron_init when every population's initial values are per channel, as here)
        JsonNode memories = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()).path("memories");
        long kept = 0;
        for (JsonNode m : memories) {
            kept += m.path("words").asInt() > 1 ? 1 : 0;
        }
        assertEquals(kept, synth.path("memoryMacros").asLong(), synth.toString());
        assertEquals(1, memories.path("neuron_init").path("words").asInt());
        CliRunner r = CliRunner.run("cosim", dir.toString(), "--data", CliTest.SUBSET, "--limit", "3", "--pe", "64",
                "--simulator", "verilator", "-q");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("readout equal 3/3, spike totals equal 3/3, cycles equal 3/3"), r.out());
        CliRunner icarus = CliRunner.run("cosim", dir.toString(), "--data", CliTest.SUBSET, "--limit", "1", "--pe", "64",
                "--simulator", "icarus", "-q");
        assertEquals(0, icarus.exitCode(), icarus.out() + icarus.err());
        assertTrue(icarus.out().contains("readout equal 1/1, spike totals equal 1/1, cycles equal 1/1"), icarus.out());
    }
}
