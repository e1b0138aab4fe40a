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

class CliTest {
    static final String RESIDUAL = Path.of("..", "testdata", "models", "residual.onnx").toString();
    static final String SUBSET = Path.of("..", "data", "fashion-mnist-subset").toString();

    @Test
    void inspectJsonListsEveryLayerWithItsOrigin() throws Exception {
        CliRunner r = CliRunner.run("inspect", RESIDUAL, "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("residual", j.get("model").asText());
        assertEquals(2146, j.get("params").asLong());
        assertEquals(12, j.get("layers").size());
        JsonNode first = j.get("layers").get(0);
        assertEquals("Conv2d", first.get("op").asText());
        assertEquals("/stem/stem.0/Conv", first.get("origin").get("name").asText());
        assertEquals("[8,28,28]", first.get("output_shape").toString());
    }

    @Test
    void inspectTablePrintsTotals() {
        CliRunner r = CliRunner.run("inspect", RESIDUAL);
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("total: 12 layers, 2146 parameters, 759072 MACs per image"), r.out());
    }

    @Test
    void missingModelIsExitCode2WithOneClearLine() {
        CliRunner r = CliRunner.run("inspect", "no-such-model.onnx");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().startsWith("error SNNC-E100: model file not found: no-such-model.onnx"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void anSnncFileWhereAnOnnxModelGoesIsNamedWithTheCommandsThatReadIt(@TempDir Path dir) throws Exception {
        Path snn = dir.resolve("m.snn");
        Files.writeString(snn, "{\"format\" : \"snnc-snn\", \"version\" : 1}");
        Path fx = dir.resolve("m.fx");
        Files.writeString(fx, "{\"format\" : \"snnc-fx\", \"version\" : 1}");
        Path out = dir.resolve("out.snn");
        CliRunner calibrate = CliRunner.run("calibrate", snn.toString(), "--data", SUBSET, "-o", out.toString());
        assertEquals(2, calibrate.exitCode(), calibrate.err());
        assertTrue(calibrate.err().startsWith("error SNNC-E100: " + snn + " is a calibrated SNN (snnc-snn), not an ONNX model")
                && calibrate.err().contains("snnc eval, quantize, simulate, export or inspect"), calibrate.err());
        assertFalse(Files.exists(out));
        CliRunner eval = CliRunner.run("eval", fx.toString(), "--data", SUBSET);
        assertEquals(2, eval.exitCode(), eval.err());
        assertTrue(eval.err().contains(fx + " is a fixed-point model (snnc-fx)")
                && eval.err().contains("a .fx file goes to snnc simulate, compile or inspect"), eval.err());
        CliRunner quantize = CliRunner.run("quantize", fx.toString(), "--target", "fpga", "--data", SUBSET, "-o",
                dir.resolve("q.fx").toString());
        assertEquals(2, quantize.exitCode(), quantize.err());
        assertTrue(quantize.err().contains("format is 'snnc-fx', expected 'snnc-snn'"), quantize.err());
        assertFalse(Files.exists(dir.resolve("q.fx")));
    }

    @Test
    void unsupportedOpIsExitCode2(@TempDir Path dir) throws Exception {
        // a Softmax head appended by hand: the importer must name it
        Path model = dir.resolve("softmax.onnx");
        byte[] bytes = Files.readAllBytes(Path.of(RESIDUAL));
        var proto = dev.snnc.frontend.onnx.proto.OnnxProto.ModelProto.parseFrom(bytes).toBuilder();
        var graph = proto.getGraphBuilder();
        String out = graph.getOutput(0).getName();
        graph.addNode(dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto.newBuilder().setName("/softmax")
                .setOpType("Softmax").addInput(out).addOutput("probs"));
        graph.setOutput(0, graph.getOutput(0).toBuilder().setName("probs"));
        Files.write(model, proto.build().toByteArray());
        CliRunner r = CliRunner.run("inspect", model.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("SNNC-E101 at Softmax node '/softmax'"), r.err());
    }

    @Test
    void missingDataDirectoryIsExitCode2WithInstallHint() {
        CliRunner r = CliRunner.run("eval", RESIDUAL, "--data", "/no/such/dir", "-q");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("apt-get install dataset-fashion-mnist"), r.err());
    }

    @Test
    void evalJsonAndAccuracyCheckExitCode1() throws Exception {
        CliRunner ok = CliRunner.run("eval", RESIDUAL, "--data", SUBSET, "--limit", "64", "--json");
        assertEquals(0, ok.exitCode(), ok.err());
        JsonNode j = new ObjectMapper().readTree(ok.out());
        assertEquals(64, j.get("images").asInt());
        assertEquals(j.get("correct").asDouble() / 64, j.get("accuracy").asDouble(), 1e-12);

        // the residual test model has random weights, so 90% is out of reach
        CliRunner failed = CliRunner.run("eval", RESIDUAL, "--data", SUBSET, "--limit", "64", "-q", "--min-accuracy", "90");
        assertEquals(1, failed.exitCode());
        assertTrue(failed.err().contains("accuracy check failed"), failed.err());
    }

    @Test
    void badOptionValuesAreExitCode2() {
        assertEquals(2, CliRunner.run("eval", RESIDUAL, "--data", SUBSET, "--limit", "0", "-q").exitCode());
        assertEquals(2, CliRunner.run("eval", RESIDUAL, "--data", SUBSET, "--split", "val", "-q").exitCode());
        assertEquals(2, CliRunner.run("eval", RESIDUAL, "--data", SUBSET, "--std", "0", "-q").exitCode());
        assertEquals(2, CliRunner.run("eval").exitCode());
    }
}
