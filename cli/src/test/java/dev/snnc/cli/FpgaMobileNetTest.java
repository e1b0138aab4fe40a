package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled MobileNet through the FPGA engine: its parameter directory co-simulates bit- and
 * cycle-exactly under Verilator on three images back to back, and {@code --synth generic} puts a
 * latch-free Yosys netlist, with every engine memory kept as a memory, into the compile report.
 * (Icarus runs the small nets in CosimTest; on this network it simulates about a thousand times
 * slower than Verilator.)
 */
class FpgaMobileNetTest {
    @Test
    void cosimulatesUnderVerilatorAndSynthesizes(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("fpga");
        CliRunner c = CompileCliTest.compile(dir, "fpga", "--pe", "4", "--synth", "generic");
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
    }
}
