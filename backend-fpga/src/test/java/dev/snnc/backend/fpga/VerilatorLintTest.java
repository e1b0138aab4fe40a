package dev.snnc.backend.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where Verilator is installed, the engine passes its lint (synthesis-oriented checks) on emitted
 * parameters; width warnings are off because the engine sign-extends narrow memories on purpose.
 * Skipped with a printed reason otherwise.
 */
class VerilatorLintTest {
    @Test
    void engineLintsCleanly(@TempDir Path dir) throws IOException, InterruptedException {
        String missing = Cosim.unavailable(Cosim.Simulator.VERILATOR).orElse(null);
        org.junit.jupiter.api.Assertions.assertNull(missing, "Verilator lint needs " + missing + ": apt-get install verilator");
        for (Map.Entry<String, byte[]> f : FpgaCompiler.compile(FpgaNets.separable(), 4).files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        Process p = new ProcessBuilder("verilator", "--lint-only", "-Wno-WIDTH", "-I.", "snn_engine.v", "--top-module",
                "snn_engine").directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }
}
