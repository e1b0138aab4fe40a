package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Max pooling converts to a spiking max pool in the float SNN and the bit-exact simulator; hardware
 * backends and NIR refuse it by name.
 */
class MaxPoolCliTest {
    static final String MODEL = "../testdata/models/maxpool.onnx";
    static final String DATA = "../data/fashion-mnist-subset";

    @Test
    void calibratesAndEvaluatesAsAFloatSnn(@TempDir Path dir) throws Exception {
        Path snn = dir.resolve("m.snn");
        CliRunner c = CliRunner.run("calibrate", MODEL, "--data", DATA, "--T", "8", "--calib-images", "64", "-o",
                snn.toString(), "-q");
        assertEquals(0, c.exitCode(), c.err());
        c = CliRunner.run("eval", snn.toString(), "--data", DATA, "--limit", "64", "--json", "-q");
        assertEquals(0, c.exitCode(), c.err());
        assertEquals(64, new ObjectMapper().readTree(c.out()).get("images").asInt());
        c = CliRunner.run("export", snn.toString(), "-o", dir.resolve("m.nir").toString());
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains("MaxPool") && c.err().contains("no NIR node"), c.err());
        assertFalse(Files.exists(dir.resolve("m.nir")));
    }

    @Test
    void quantizesAndSimulatesBitExactlyButNoBackendPrintsIt(@TempDir Path dir) throws Exception {
        Path snn = dir.resolve("m.snn");
        assertEquals(0, CliRunner.run("calibrate", MODEL, "--data", DATA, "--T", "16", "--calib-images", "64", "-o",
                snn.toString(), "-q").exitCode());
        CliRunner c = CliRunner.run("simulate", snn.toString(), "--data", DATA, "--limit", "100", "--compare-float",
                "--json", "-q");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(new ObjectMapper().readTree(c.out()).get("prediction_agreement").asDouble() >= 0.95, c.out());
        Path fx = dir.resolve("m.fx");
        c = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--data", DATA, "--calib-images", "32",
                "-o", fx.toString(), "-q");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(Files.readString(fx).contains("\"max_pool\" : true"));
        dev.snnc.ir.fx.FxNetwork read = dev.snnc.formats.FxFile.read(fx); // the flag survives the file
        assertTrue(read.readout().inputs().stream().anyMatch(dev.snnc.ir.fx.FxSynapses::maxPool));
        assertTrue(java.util.Arrays.equals(dev.snnc.formats.FxFile.toBytes(read), Files.readAllBytes(fx)), "byte-stable");
        assertEquals(0, CliRunner.run("simulate", fx.toString(), "--data", DATA, "--limit", "20", "-q").exitCode());
        Path out = dir.resolve("out");
        c = CliRunner.run("compile", fx.toString(), "-o", out.toString(), "--data", DATA);
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains("spiking max pooling cannot be expressed by this target"), c.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void compileForAFixedPointTargetRefusesBeforeCalibratingAndWritesNothing(@TempDir Path dir) {
        Path out = dir.resolve("out");
        long start = System.nanoTime();
        CliRunner c = CliRunner.run("compile", MODEL, "--data", DATA, "--target", "fpga", "-o", out.toString());
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains("SNNC-E108") && c.err().contains("'/MaxPool'") && c.err().contains("target fpga"), c.err());
        assertFalse(c.out().contains("calibrate"), "refused before the calibration stage: " + c.out());
        assertFalse(Files.exists(out));
        assertTrue(System.nanoTime() - start < 60e9);
    }
}
