package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calibrate the bundled MobileNet once (T=8, small), then: the integer simulator on the wide-integer
 * ideal profile reproduces the float SNN (predictions agree on at least 99% of images; the
 * full-size comparison is a benchmark); quantize writes a .fx that simulate runs; bad targets and
 * overflow are refused without output.
 */
class SimulateCliTest {
    @TempDir
    static Path dir;
    static Path snn;

    @BeforeAll
    static void calibrate() {
        snn = dir.resolve("m.snn");
        CliRunner c = CliRunner.run("calibrate", Path.of("..", "models", "mobilenet-fashion.onnx").toString(), "--T", "8",
                "--method", "light", "--calib-images", "128", "--batch-size", "64", "--threshold-batches", "2",
                "--data", CliTest.SUBSET, "-o", snn.toString(), "-q");
        assertEquals(0, c.exitCode(), c.err());
    }

    @Test
    void idealSimulationAgreesWithTheFloatSnn() throws Exception {
        CliRunner s = CliRunner.run("simulate", snn.toString(), "--data", CliTest.SUBSET, "--limit", "100",
                "--compare-float", "--json");
        assertEquals(0, s.exitCode(), s.err());
        JsonNode j = new ObjectMapper().readTree(s.out());
        assertEquals(100, j.get("images").asInt());
        assertEquals("analog", j.get("input_encoding").asText());
        assertTrue(j.get("prediction_agreement").asDouble() >= 0.99, s.out());
        assertEquals(j.get("float_snn_accuracy").asDouble(), j.get("accuracy").asDouble(), 0.011, s.out());
        assertTrue(j.get("synaptic_ops").asLong() > 0);
        assertEquals(11, j.get("firing_rates").size());
    }

    @Test
    void quantizedModelIsSimulatedForItsTarget() throws Exception {
        Path fx = dir.resolve("m-fpga.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "fpga", "--data", CliTest.SUBSET,
                "--calib-images", "16", "--iterations", "1", "-o", fx.toString(), "--json", "-q");
        assertEquals(0, q.exitCode(), q.err());
        JsonNode report = new ObjectMapper().readTree(q.out());
        assertEquals(12, report.get("layers").size(), "11 populations and the readout");
        assertTrue(report.get("layers").get(0).get("rate_error_after").isNumber(), q.out());
        CliRunner s = CliRunner.run("simulate", fx.toString(), "--data", CliTest.SUBSET, "--limit", "50",
                "--compare-float", snn.toString(), "--json");
        assertEquals(0, s.exitCode(), s.err());
        JsonNode j = new ObjectMapper().readTree(s.out());
        assertEquals("fpga", j.get("target").asText());
        assertEquals(8, j.get("steps_run").asInt(), "the fpga engine has no synaptic delay");
        assertTrue(j.get("prediction_agreement").asDouble() > 0.5, s.out());
    }

    @Test
    void inspectPrintsTheIntegerPopulationsOfAFixedPointModel() throws Exception {
        Path fx = dir.resolve("m-loihi2.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--data", CliTest.SUBSET,
                "--calib-images", "16", "--iterations", "0", "-o", fx.toString(), "-q");
        assertEquals(0, q.exitCode(), q.err());
        CliRunner i = CliRunner.run("inspect", fx.toString(), "--json");
        assertEquals(0, i.exitCode(), i.err());
        JsonNode j = new ObjectMapper().readTree(i.out());
        assertEquals("loihi2", j.get("target").asText());
        assertEquals(8, j.get("timesteps").asInt());
        assertEquals(8 + 11, j.get("steps_per_image").asInt(), "T plus one step per synaptic layer after the first");
        assertEquals(11, j.get("populations").size());
        for (JsonNode p : j.get("populations")) {
            assertTrue(p.get("threshold_min").asLong() >= 1 && p.get("threshold_max").asLong() >= p.get("threshold_min").asLong(), p.toString());
            assertTrue(p.get("weight_max").asLong() <= 127 && p.get("weight_min").asLong() >= -127, p.toString());
            assertTrue(p.get("origin").asText().endsWith("/Relu"), p.toString());
            long median = p.get("median_channel_max_abs_weight").asLong();
            assertTrue(median >= 0 && median <= Math.max(-p.get("weight_min").asLong(), p.get("weight_max").asLong()), p.toString());
        }
        assertEquals("relu_10", j.get("readout").get("inputs").get(0).asText());
        String table = CliRunner.run("inspect", fx.toString()).out();
        assertTrue(table.startsWith("fixed-point model mobilenet-fashion for loihi2"), table);
        assertTrue(table.contains("relu_1 ") && table.contains("relu_0/g32"), "depthwise groups shown: " + table);

        Path cut = dir.resolve("cut.fx");
        byte[] bytes = Files.readAllBytes(fx);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRunner bad = CliRunner.run("inspect", cut.toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("SNNC-E") && bad.err().contains("cut.fx"), bad.err());
        assertTrue(bad.out().isEmpty(), bad.out());
    }

    @Test
    void quantizeNamesThePopulationsOneStockThresholdLeavesCoarseWeights() throws Exception {
        Path fx = dir.resolve("m-stock.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--reset", "zero", "--data",
                CliTest.SUBSET, "--calib-images", "16", "--iterations", "0", "--threshold-groups", "1", "-o", fx.toString(),
                "--json", "-q");
        assertEquals(0, q.exitCode(), q.err());
        assertEquals(0, new ObjectMapper().readTree(q.out()).get("threshold_groups").size(), "--threshold-groups 1 never splits");
        java.util.Set<String> named = new java.util.TreeSet<>();
        new ObjectMapper().readTree(q.out()).get("coarse_weights").forEach(n -> named.add(n.asText()));
        java.util.Set<String> coarse = new java.util.TreeSet<>();
        for (JsonNode p : new ObjectMapper().readTree(CliRunner.run("inspect", fx.toString(), "--json").out()).get("populations")) {
            assertEquals(p.get("threshold_min").asLong(), p.get("threshold_max").asLong(), "stock LIF: one threshold");
            if (!p.get("inputs").get(0).asText().equals("@image") && p.get("median_channel_max_abs_weight").asLong() <= 127 / 16) {
                coarse.add(p.get("name").asText());
            }
        }
        assertEquals(coarse, named);
        assertFalse(named.isEmpty(), "the bundled MobileNet's first depthwise layer has an outlier channel");
        String text = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--reset", "zero", "--data",
                CliTest.SUBSET, "--calib-images", "16", "--iterations", "0", "--threshold-groups", "1", "-o", fx.toString(),
                "-q").out();
        for (String name : named) {
            assertTrue(text.contains("note: " + name + ": loihi2's one integer threshold per population"), text);
        }
        CliRunner subtractive = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--data", CliTest.SUBSET,
                "--calib-images", "16", "--iterations", "0", "-o", fx.toString(), "--json", "-q");
        assertEquals(0, new ObjectMapper().readTree(subtractive.out()).get("coarse_weights").size(),
                "thresholds per channel scale every channel to the full range");
    }

    @Test
    void quantizeSplitsPopulationsIntoThresholdGroupsForAStockLif() throws Exception {
        Path fx = dir.resolve("m-groups.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--reset", "zero", "--data",
                CliTest.SUBSET, "--calib-images", "16", "--iterations", "0", "-o", fx.toString(), "--json", "-q");
        assertEquals(0, q.exitCode(), q.err());
        JsonNode groups = new ObjectMapper().readTree(q.out()).get("threshold_groups");
        assertTrue(groups.has("relu_1"), "the first depthwise layer's outlier channels get a threshold of their own: " + groups);
        JsonNode inspect = new ObjectMapper().readTree(CliRunner.run("inspect", fx.toString(), "--json").out());
        java.util.Map<String, JsonNode> populations = new java.util.HashMap<>();
        inspect.get("populations").forEach(p -> populations.put(p.get("name").asText(), p));
        java.util.Iterator<java.util.Map.Entry<String, JsonNode>> it = groups.fields();
        while (it.hasNext()) {
            java.util.Map.Entry<String, JsonNode> e = it.next();
            java.util.Set<Integer> channels = new java.util.TreeSet<>();
            int total = 0;
            for (JsonNode part : e.getValue()) {
                assertTrue(populations.containsKey(part.get("name").asText()), part.get("name") + " is a population of " + fx);
                assertEquals(part.get("channels").size(),
                        populations.get(part.get("name").asText()).get("shape").get(0).asInt(), part.get("name").asText());
                part.get("channels").forEach(c -> channels.add(c.asInt()));
                total += part.get("channels").size();
            }
            assertEquals(total, channels.size(), e.getKey() + ": each channel in one group");
            assertEquals(total - 1, ((java.util.TreeSet<Integer>) channels).last(), e.getKey() + ": every channel in a group");
            assertFalse(populations.containsKey(e.getKey()), e.getKey() + " became its groups");
        }
        String text = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--reset", "zero", "--data",
                CliTest.SUBSET, "--calib-images", "16", "--iterations", "0", "-o", fx.toString(), "-q").out();
        assertTrue(text.contains("threshold groups: relu_1 -> relu_1.g0 ("), text);
        CliRunner bad = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--data", CliTest.SUBSET,
                "--threshold-groups", "0", "-o", dir.resolve("never.fx").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("threshold groups must be positive"), bad.err());
        assertFalse(Files.exists(dir.resolve("never.fx")));
    }

    @Test
    void unknownTargetIsABadOptionAndWritesNothing() {
        Path fx = dir.resolve("never.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "tpu", "--data", CliTest.SUBSET, "-o", fx.toString());
        assertEquals(2, q.exitCode());
        assertTrue(q.err().contains("--target must be one of ") && q.err().contains("fpga, loihi2, loihi1"), q.err());
        assertFalse(Files.exists(fx));
    }

    @Test
    void missingModelIsBadInput() {
        CliRunner s = CliRunner.run("simulate", dir.resolve("absent.fx").toString(), "--data", CliTest.SUBSET);
        assertEquals(2, s.exitCode());
        assertTrue(s.err().contains("absent.fx"), s.err());
    }

    @Test
    void compileWritesANetlistThatSimulatesLikeItsFxFile() throws Exception {
        Path fx = dir.resolve("m-loihi2.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "loihi2", "--iterations", "0",
                "--data", CliTest.SUBSET, "-o", fx.toString(), "-q");
        assertEquals(0, q.exitCode(), q.err());
        Path out = dir.resolve("loihi2");
        CliRunner c = CliRunner.run("compile", fx.toString(), "-o", out.toString(), "--data", CliTest.SUBSET,
                "--energy-images", "5", "-q");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("cores on 1 chip"), c.out());
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertTrue(report.get("report").get("cores").asInt() > 11, "at least one core per population");
        assertTrue(report.get("energy").get("microjoulesPerImage").asDouble() > 0);
        assertEquals("loihi", report.get("backend").asText());
        JsonNode a = simulate(fx);
        JsonNode b = simulate(out.resolve("netlist.json"));
        assertEquals(a.get("accuracy"), b.get("accuracy"));
        assertEquals(a.get("spikes"), b.get("spikes"), "same spikes per population");
    }

    @Test
    void aModelTooBigForTheCoresIsRefusedWithoutOutput() {
        Path fx = dir.resolve("m-loihi1.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "loihi1", "--iterations", "0",
                "--data", CliTest.SUBSET, "-o", fx.toString(), "-q");
        assertEquals(0, q.exitCode(), q.err());
        Path out = dir.resolve("too-small");
        CliRunner c = CliRunner.run("compile", fx.toString(), "-o", out.toString(), "--synapse-bits-per-core", "1000",
                "--energy-images", "0");
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("SNNC-E112") && c.err().contains("a core has 1000 bits"), c.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void fpgaParameterDirectorySimulatesLikeItsFxFile() throws Exception {
        Path fx = dir.resolve("m-fpga4.fx");
        CliRunner q = CliRunner.run("quantize", snn.toString(), "--target", "fpga", "--weight-bits", "4", "--iterations",
                "0", "--data", CliTest.SUBSET, "-o", fx.toString(), "-q");
        assertEquals(0, q.exitCode(), q.err());
        Path out = dir.resolve("fpga");
        CliRunner c = CliRunner.run("compile", fx.toString(), "-o", out.toString(), "--pe", "16", "-q");
        assertEquals(0, c.exitCode(), c.err());
        assertTrue(c.out().contains("16 PE"), c.out());
        for (String f : new String[] {"manifest.json", "weights.mem", "desc.mem", "snn_params.vh", "snn_engine.v", "report.txt"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        assertTrue(Files.readString(out.resolve("snn_params.vh")).contains("`define SNN_WBITS 4"));
        JsonNode a = simulate(fx);
        JsonNode b = simulate(out);
        assertEquals(a.get("accuracy"), b.get("accuracy"));
        assertEquals(a.get("spikes"), b.get("spikes"));
    }

    @Test
    void cosimOfSomethingElseIsBadInput() {
        CliRunner c = CliRunner.run("cosim", snn.toString());
        assertEquals(2, c.exitCode());
        assertTrue(c.err().contains("is not an artifact directory of a backend with co-simulation"), c.err());
    }

    static JsonNode simulate(Path model) throws Exception {
        CliRunner s = CliRunner.run("simulate", model.toString(), "--data", CliTest.SUBSET, "--limit", "20", "--json");
        assertEquals(0, s.exitCode(), s.err());
        return new ObjectMapper().readTree(s.out());
    }
}
