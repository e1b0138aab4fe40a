package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.formats.FxFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backend the CLI was not written for ({@link EchoBackend}, on the test class path only) is
 * discovered, listed, given its own option, and compiled for, with no change to the CLI.
 */
class EchoBackendCliTest {
    @TempDir
    Path tmp;

    @Test
    void theCliListsCompilesForAndPassesOptionsToADiscoveredBackend() throws Exception {
        Path fx = tmp.resolve("m.fx");
        FxFile.write(SmallFxNets.residual(EchoBackend.ECHO), fx);
        CliRunner r = CliRunner.run("compile", fx.toString(), "-o", tmp.resolve("out").toString(), "--echo-label",
                "hello", "--energy-images", "0");
        assertEquals(0, r.exitCode(), r.err());
        String listing = Files.readString(tmp.resolve("out/populations.txt"), StandardCharsets.UTF_8);
        assertEquals("hello\na [4,6,6]\nb [4,3,3]\nc [4,3,3]\n", listing);
        assertTrue(Files.readString(tmp.resolve("out/report.json")).contains("\"backend\" : \"echo\""));
    }

    @Test
    void unknownTargetsAreRefusedNamingEveryInstalledOne() {
        CliRunner r = CliRunner.run("quantize", "x.snn", "--target", "nope", "-o", tmp.resolve("x.fx").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("echo-test") && r.err().contains("loihi2") && r.err().contains("fpga"), r.err());
    }

    @Test
    void compileHelpShowsEveryBackendsOptions() {
        CliRunner r = CliRunner.run("compile", "--help");
        assertEquals(0, r.exitCode());
        for (String option : new String[] {"--echo-label", "--pe", "--neurons-per-core", "--max-chips"}) {
            assertTrue(r.out().contains(option), option + " missing from\n" + r.out());
        }
    }
}
