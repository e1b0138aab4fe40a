package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The main job end to end on a small residual model with tiny settings, for every target: the
 * artifacts exist, and the summary's fixed-point accuracy equals {@code simulate} run separately
 * on those artifacts. Bad input end to end: each a clear message, exit code 2, no output.
 */
class CompileCliTest {
    static final String MODEL = Path.of("..", "testdata", "models", "residual.onnx").toString();
    static final String[] TINY = {"--T", "4", "--calib-images", "64", "--recal-images", "8", "--iterations", "1",
        "--eval-images", "20", "--data", CliTest.SUBSET};

    static CliRunner compile(Path out, String target, String... extra) {
        String[] args = new String[4 + TINY.length + extra.length];
        args[0] = "compile";
        args[1] = MODEL;
        args[2] = "--target";
        args[3] = target;
        System.arraycopy(TINY, 0, args, 4, TINY.length);
        System.arraycopy(extra, 0, args, 4 + TINY.length, extra.length);
        String[] withOut = java.util.Arrays.copyOf(args, args.length + 3);
        withOut[args.length] = "-o";
        withOut[args.length + 1] = out.toString();
        withOut[args.length + 2] = "-q";
        return CliRunner.run(withOut);
    }

    @ParameterizedTest
    @ValueSource(strings = {"loihi2", "loihi1", "fpga"})
    void compilesEveryTargetAndTheSummaryMatchesASeparateSimulation(String target, @TempDir Path dir) throws Exception {
        Path out = dir.resolve(target);
        CliRunner c = compile(out, target);
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("fixed point"), c.out());
        for (String f : new String[] {"model.snn", "model.fx", "report.json", "report.html", "report.txt"}) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        Path artifact = target.equals("fpga") ? out : out.resolve("netlist.json");
        assertTrue(Files.exists(target.equals("fpga") ? out.resolve("manifest.json") : artifact));
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        double summary = report.get("summary").get("fixed_point_accuracy").asDouble();
        if (Files.isReadable(Path.of("/proc/self/status"))) { // Linux, as here and in CI: every stage has its own peak
            for (JsonNode stage : report.get("stages")) {
                assertTrue(stage.path("peak_rss_mib").asDouble() > 0, stage.toString());
            }
            assertTrue(c.out().contains("peak MiB"), c.out());
        }
        CliRunner s = CliRunner.run("simulate", artifact.toString(), "--data", CliTest.SUBSET, "--limit", "20", "--json");
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(summary, new ObjectMapper().readTree(s.out()).get("accuracy").asDouble(), 0.0);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<svg") && html.contains("Firing rates") && !html.contains("http"), "self-contained report");
    }

    @Test
    void neuronsThatResetToZeroGetFourRecalibrationIterationsByDefault(@TempDir Path dir) throws Exception {
        CliRunner c = compile(dir.resolve("o"), "loihi2", "--reset", "zero");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("1 recalibration iterations"), "TINY's explicit --iterations 1 wins: " + c.out());
        java.util.List<String> coarse = QuantizeCommand.coarseWeights(dev.snnc.formats.FxFile.read(dir.resolve("o/model.fx")));
        java.util.List<String> reported = new java.util.ArrayList<>();
        new ObjectMapper().readTree(dir.resolve("o/report.json").toFile()).get("details").get("coarse_weights")
                .forEach(n -> reported.add(n.asText()));
        assertEquals(coarse, reported, "report.json names the populations quantize's note names");
        for (String name : coarse) {
            assertTrue(c.out().contains("one threshold per population leaves") && c.out().contains(name), c.out());
        }
        dev.snnc.ir.fx.FxNetwork fx = dev.snnc.formats.FxFile.read(dir.resolve("o/model.fx"));
        assertEquals("4", fx.provenance().get("quantize.threshold_groups"), "the default is recorded");
        com.fasterxml.jackson.databind.JsonNode groups = new ObjectMapper().readTree(dir.resolve("o/report.json").toFile())
                .get("details").get("threshold_groups");
        java.util.Set<String> names = new java.util.HashSet<>();
        fx.populations().forEach(p -> names.add(p.name()));
        groups.fields().forEachRemaining(e -> {
            assertFalse(names.contains(e.getKey()), e.getKey() + " became its threshold groups");
            e.getValue().forEach(part -> assertTrue(names.contains(part.get("name").asText()), part.toString()));
        });
        assertEquals(groups.size() > 0, c.out().contains("split into threshold groups"), c.out());
        String[] noIterations = {"compile", MODEL, "--target", "loihi1", "--T", "4", "--calib-images", "64", "--recal-images",
            "8", "--eval-images", "20", "--data", CliTest.SUBSET, "-q", "-o", dir.resolve("l1").toString()};
        CliRunner l1 = CliRunner.run(noIterations);
        assertEquals(0, l1.exitCode(), l1.err());
        assertEquals("4", dev.snnc.formats.FxFile.read(dir.resolve("l1/model.fx")).provenance().get("quantize.iterations"));
    }

    @Test
    void phaseCopiesCompileForStockLoihiAndAreRecordedSoResumeTellsThemApart(@TempDir Path dir) throws Exception {
        String mobilenet = Path.of("..", "testdata", "models", "mobilenet_bn_folded.onnx").toString();
        Path out = dir.resolve("copies");
        String[] args = {"compile", mobilenet, "--target", "loihi2", "--reset", "zero", "--phase-copies", "2", "--T", "4",
            "--calib-images", "64", "--recal-images", "8", "--iterations", "1", "--eval-images", "20", "--data",
            CliTest.SUBSET, "-q", "-o", out.toString()};
        CliRunner c = CliRunner.run(args);
        assertEquals(0, c.exitCode(), c.err());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertEquals(2, report.get("phase_copies").asInt());
        assertEquals("2", dev.snnc.formats.SnnFile.read(out.resolve("model.snn")).provenance().get("phase_copies"));
        CliRunner s = CliRunner.run("simulate", out.resolve("netlist.json").toString(), "--data", CliTest.SUBSET,
                "--limit", "20", "--json");
        assertEquals(0, s.exitCode(), s.err());
        assertEquals(report.get("summary").get("fixed_point_accuracy").asDouble(),
                new ObjectMapper().readTree(s.out()).get("accuracy").asDouble(), 0.0);
        String[] withoutCopies = java.util.Arrays.copyOf(args, args.length + 1);
        withoutCopies[java.util.Arrays.asList(args).indexOf("--phase-copies") + 1] = "1";
        withoutCopies[args.length] = "--resume";
        CliRunner resumed = CliRunner.run(withoutCopies);
        assertEquals(2, resumed.exitCode(), resumed.err());
        assertTrue(resumed.err().contains("phase_copies"), resumed.err());
    }

    @Test
    void phaseCopiesAreRefusedBeforeAnyWorkWhereTheyCannotRun(@TempDir Path dir) {
        CliRunner netx = compile(dir.resolve("n"), "netx", "--reset", "zero", "--phase-copies", "2");
        assertEquals(2, netx.exitCode(), netx.err());
        assertTrue(netx.err().contains("SNNC-E300") && netx.err().contains("target netx starts every neuron at 0"), netx.err());
        CliRunner range = compile(dir.resolve("r"), "loihi2", "--phase-copies", "9");
        assertEquals(2, range.exitCode(), range.err());
        assertTrue(range.err().contains("out of range 1..8"), range.err());
        CliRunner residual = compile(dir.resolve("a"), "loihi2", "--phase-copies", "2");
        assertEquals(2, residual.exitCode(), residual.err());
        assertTrue(residual.err().contains("phase copies cannot split activation"), residual.err());
        for (String o : new String[] {"n", "r", "a"}) {
            assertFalse(Files.exists(dir.resolve(o)), o + ": no output");
        }
    }

    @Test
    void resumeReusesTheCalibratedAndQuantizedFiles(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r");
        assertEquals(0, compile(out, "fpga").exitCode());
        byte[] params = Files.readAllBytes(out.resolve("weights.mem"));
        CliRunner again = compile(out, "fpga", "--resume");
        assertEquals(0, again.exitCode(), again.err());
        String report = new String(CompilePipeline.utf8(readString(out.resolve("report.txt"))));
        assertTrue(report.contains("resumed from"), report);
        assertTrue(java.util.Arrays.equals(params, Files.readAllBytes(out.resolve("weights.mem"))), "same parameters");
    }

    @Test
    void resumeRefusesArtifactsMadeWithOtherSettings(@TempDir Path dir) {
        Path out = dir.resolve("r");
        assertEquals(0, compile(out, "fpga").exitCode());
        CliRunner other = compile(out, "fpga", "--resume", "--seed", "5", "--method", "none");
        assertEquals(2, other.exitCode(), other.err());
        assertTrue(other.err().contains("--resume: " + out.resolve("model.snn")) && other.err().contains("method bias in the "
                + "file, none requested") && other.err().contains("seed 0 in the file, 5 requested"), other.err());
    }

    @Test
    void sixteenBitFpgaWeightsOverflowTheReadoutBiasMemoryAndNothingIsWritten(@TempDir Path dir) {
        CliRunner c = compile(dir.resolve("o"), "fpga", "--weight-bits", "16");
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains("SNNC-E111") && c.err().contains("readout: bias"), c.err());
        assertFalse(Files.exists(dir.resolve("o").resolve("weights.mem")), "no backend files written");
    }

    @Test
    void missingModelIsBadInput(@TempDir Path dir) {
        CliRunner c = CliRunner.run("compile", dir.resolve("absent.onnx").toString(), "-o", dir.resolve("o").toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("absent.onnx"), c.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void unsupportedOperatorIsBadInput(@TempDir Path dir) {
        CliRunner c = CliRunner.run("compile", Path.of("..", "testdata", "models", "maxpool.onnx").toString(),
                "--data", CliTest.SUBSET, "-o", dir.resolve("o").toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("MaxPool"), c.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void missingDataIsBadInput(@TempDir Path dir) {
        CliRunner c = CliRunner.run("compile", MODEL, "--data", dir.resolve("nothing").toString(), "-o",
                dir.resolve("o").toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("nothing"), c.err());
        assertFalse(Files.exists(dir.resolve("o")));
    }

    @Test
    void aModelTooBigForTheChipStopsBeforeWritingTheBackendFiles(@TempDir Path dir) {
        Path out = dir.resolve("o");
        CliRunner c = compile(out, "loihi1", "--synapse-bits-per-core", "100");
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("SNNC-E112"), c.err());
        assertFalse(Files.exists(out.resolve("netlist.json")));
        assertFalse(Files.exists(out.resolve("report.json")));
    }

    @Test
    void unwritableOutputIsBadInput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        CliRunner c = CliRunner.run("compile", MODEL, "--data", CliTest.SUBSET, "-o", file.toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("not a directory"), c.err());
    }

    private static String readString(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
