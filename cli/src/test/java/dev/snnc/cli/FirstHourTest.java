package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No silent defaults: assumed preprocessing is announced, ignored options are refused, names are the paper's. */
class FirstHourTest {
    static final String NO_METADATA = CompileCliTest.MODEL; // exported without snnc.preprocessing

    @Test
    void aModelWithoutPreprocessingMetadataGetsAWarningNamingTheAssumption() throws Exception {
        CliRunner r = CliRunner.run("eval", NO_METADATA, "--data", CliTest.SUBSET, "--limit", "10", "-q");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.err().contains("has no snnc.preprocessing metadata; assuming pixels scaled to [0,1]")
                && r.err().contains("--scale/--mean/--std"), r.err());
        CliRunner given = CliRunner.run("eval", NO_METADATA, "--data", CliTest.SUBSET, "--limit", "10", "--mean", "0.286",
                "--std", "0.353", "-q");
        assertFalse(given.err().contains("warning"), given.err());
        CliRunner inspect = CliRunner.run("inspect", NO_METADATA, "--json");
        JsonNode pre = new ObjectMapper().readTree(inspect.out()).get("preprocessing");
        assertFalse(pre.get("stored").asBoolean());
        assertTrue(pre.get("value").asText().startsWith("scale=0.0039"), pre.toString());
        assertTrue(CliRunner.run("inspect", NO_METADATA).out().contains("preprocessing none stored: commands assume"));
    }

    @Test
    void optionsACommandCannotUseAreRefused(@TempDir Path dir) {
        Path snn = dir.resolve("m.snn");
        CliRunner c = CliRunner.run("calibrate", NO_METADATA, "--T", "4", "--calib-images", "16", "--data", CliTest.SUBSET,
                "-o", snn.toString(), "-q");
        assertEquals(0, c.exitCode(), c.err());
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "fpga", "--mean", "0.5", "--data", CliTest.SUBSET,
                "-o", dir.resolve("m.fx").toString());
        assertEquals(2, q.exitCode());
        assertTrue(q.err().contains("--scale/--mean/--std apply to ONNX models only") && q.err().contains("stores its "
                + "preprocessing"), q.err());
        CliRunner l = CliRunner.run("calibrate", NO_METADATA, "--limit", "100", "--data", CliTest.SUBSET, "-o",
                dir.resolve("x.snn").toString());
        assertEquals(2, l.exitCode());
        assertTrue(l.err().contains("here use --calib-images"), l.err());
    }

    @Test
    void methodNamesAreThePapersAndTheAuthorsScriptsAliasesWork(@TempDir Path dir) throws Exception {
        CliRunner c = CliRunner.run("calibrate", NO_METADATA, "--T", "4", "--calib-images", "16", "--method",
                "advanced-cifar", "--scale", "0.00392156862745098", "--data", CliTest.SUBSET, "-o",
                dir.resolve("m.snn").toString(), "--json");
        assertEquals(0, c.exitCode(), c.err());
        JsonNode j = new ObjectMapper().readTree(c.out());
        assertEquals("advanced", j.get("method").asText());
        assertEquals("potential", j.get("steps").asText());
    }

    @Test
    void aNeuronTheTargetCannotRunIsRefusedWithTheReason(@TempDir Path dir) {
        CliRunner r = CliRunner.run("compile", CompileCliTest.MODEL, "--target", "fpga", "--reset", "zero", "--data",
                CliTest.SUBSET, "-o", dir.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--reset zero: target fpga runs reset by [subtract] only"), r.err());
    }

    @Test
    void loihi1RunsItsOwnStockNeuronAndRefusesTheSubtractiveOne(@TempDir Path dir) {
        CliRunner r = CliRunner.run("compile", CompileCliTest.MODEL, "--target", "loihi1", "--reset", "subtract", "--data",
                CliTest.SUBSET, "-o", dir.resolve("o").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--reset subtract: target loihi1 runs reset by [zero] only"), r.err());
        assertEquals("zero", TargetOption.defaultReset(dev.snnc.ir.target.TargetProfiles.LOIHI1));
    }

    @Test
    void aFireRatioNeedsANeuronThatResetsToZero(@TempDir Path dir) {
        CliRunner r = CliRunner.run("calibrate", CompileCliTest.MODEL, "--T", "4", "--fire-ratio", "0.6", "--data",
                CliTest.SUBSET, "-o", dir.resolve("m.snn").toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--fire-ratio 0.6 needs --reset zero"), r.err());
    }
}
