package dev.snnc.backend.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine and its testbench pass Verilator's lint with every warning on ({@code -Wall}, warnings
 * fatal), at 1, 3 and 4 lanes; the waivers are in the RTL, each with its reason.
 */
class VerilatorLintTest {
    @ParameterizedTest(name = "{0} PE")
    @ValueSource(ints = {1, 3, 4})
    void engineLintsCleanly(int pe, @TempDir Path dir) throws IOException, InterruptedException {
        String missing = Cosim.unavailable(Cosim.Simulator.VERILATOR).orElse(null);
        org.junit.jupiter.api.Assertions.assertNull(missing, "Verilator lint needs " + missing + ": apt-get install verilator");
        for (Map.Entry<String, byte[]> f : FpgaCompiler.compile(FpgaNets.separable(), pe).files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        for (String top : List.of("snn_engine", "tb_snn_engine")) {
            Process p = new ProcessBuilder("verilator", "--lint-only", "-Wall", "--timing", "-I.", "tb_snn_engine.v",
                    "snn_engine.v", "snn_ram.v", "--top-module", top).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), top + ":\n" + out);
            assertEquals("", out.strip(), top + " lints without warnings");
        }
    }
}
