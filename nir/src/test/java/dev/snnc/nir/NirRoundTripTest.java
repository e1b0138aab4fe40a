package dev.snnc.nir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.calibration.convert.AnnToSnn;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphPrinter;
import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.Node;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A calibrated network written as NIR and read back is the same network (every op, weight,
 * threshold, bias and initial potential), for a residual net, a MobileNet and an average-pooling
 * stack; NIR's own reader (the reference implementation, through shared/tools/lava/python3-lava)
 * loads the file with type checking and finds the expected node types and shapes.
 */
class NirRoundTripTest {
    static CalibratedSnn calibratedLike(String model) {
        Path onnx = model.endsWith("-fashion") ? Path.of("..", "models", model + ".onnx")
                : Path.of("..", "testdata", "models", model + ".onnx");
        Graph ann = ModelLoader.load(onnx);
        Graph snn = AnnToSnn.convert(ann, NeuronModel.REFERENCE);
        // what calibration changes: per-channel biases and initial potentials, so the export must carry them
        Graph calibrated = snn;
        for (Node n : snn.nodes()) {
            if (n.op() instanceof IfNeuron f) {
                float[] bias = new float[f.bias().size()];
                for (int c = 0; c < bias.length; c++) {
                    bias[c] = 0.01f * (c % 7) - 0.02f;
                }
                float[] v0 = new float[f.initialPotential().size()];
                for (int i = 0; i < v0.length; i++) {
                    v0[i] = 0.001f * (i % 13);
                }
                calibrated = calibrated.withOp(n.name(), f.withBias(Tensor.of(bias, bias.length))
                        .withInitialPotential(Tensor.of(v0, f.initialPotential().shape())));
            }
        }
        return new CalibratedSnn(calibrated, 16, InputEncoding.ANALOG, Map.of("test", "nir"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"residual", "mobilenet_bn_folded", "vgg-fashion", "resnet-fashion"})
    void writtenAndReadBackIsTheSameNetwork(String model, @TempDir Path dir) {
        CalibratedSnn snn = calibratedLike(model);
        Path file = dir.resolve(model + ".nir");
        NirWriter.write(snn, file);
        assertTrue(NirReader.looksLikeNir(file));
        CalibratedSnn back = NirReader.read(file);
        assertEquals(GraphPrinter.print(snn.graph()), GraphPrinter.print(back.graph()));
        assertEquals(snn.graph().ops(), back.graph().ops(), "every op with its tensors");
        assertEquals(snn.timesteps(), back.timesteps());
        assertEquals(snn.graph().preprocessing(), back.graph().preprocessing());
    }

    @Test
    void resetToZeroNeuronsKeepTheirFireRatiosAndFireAtThatLevelInNir(@TempDir Path dir) throws Exception {
        NeuronModel zero = new NeuronModel(NeuronModel.Reset.ZERO, NeuronModel.Comparison.GREATER, true);
        CalibratedSnn plain = calibratedLike("mobilenet_bn_folded");
        Graph g = plain.graph();
        int k = 0;
        for (Node n : g.nodes()) {
            if (n.op() instanceof IfNeuron f) {
                float ratio = 0.5f + 0.05f * (k++ % 8);
                g = g.withOp(n.name(), new IfNeuron(f.threshold(), f.bias(), Tensor.zeros(f.initialPotential().shape()), zero,
                        ratio));
            }
        }
        CalibratedSnn snn = new CalibratedSnn(g, 16, InputEncoding.ANALOG, Map.of("test", "nir-zero"));
        Path file = dir.resolve("zero.nir");
        NirWriter.write(snn, file);
        assertEquals(snn.graph().ops(), NirReader.read(file).graph().ops(), "fire ratios and reset rule read back");
        try (io.jhdf.HdfFile h = new io.jhdf.HdfFile(file)) {
            IfNeuron first = (IfNeuron) g.nodes().stream().filter(n -> n.op() instanceof IfNeuron).findFirst().orElseThrow().op();
            String name = g.nodes().stream().filter(n -> n.op() instanceof IfNeuron).findFirst().orElseThrow().name();
            Object level = h.getDatasetByPath("node/nodes/" + NirNames.of(name) + "/v_threshold").getDataFlat();
            assertEquals(first.fireLevel(0), ((float[]) level)[0], 1e-6, "NIR's IF fires at ρ·θ");
        }
    }

    @Test
    void aPopulationFedByAnotherPopulationIsADiagnosticNamingIt(@TempDir Path dir) {
        SnncException e = assertThrows(SnncException.class, () -> NirWriter.write(calibratedLike("avgpool_stack"),
                dir.resolve("a.nir")));
        assertTrue(e.getMessage().contains("SNNC-E108 at Clip node '/Clip'") && e.getMessage().contains("NIR's IF has none"),
                e.getMessage());
        assertTrue(!Files.exists(dir.resolve("a.nir")), "no partial file");
    }

    @Test
    void notAnHdf5FileIsADiagnostic(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("x.nir");
        Files.writeString(bad, "not hdf5");
        SnncException e = assertThrows(SnncException.class, () -> NirReader.read(bad));
        assertTrue(e.getMessage().startsWith("error SNNC-E109: NIR file " + bad), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"residual", "mobilenet_bn_folded", "vgg-fashion"})
    void nirsOwnReaderLoadsTheFile(String model, @TempDir Path dir) throws Exception {
        Path python = Path.of("..", "..", "shared", "tools", "lava", "python3-lava").toAbsolutePath().normalize();
        String configured = System.getProperty("snnc.lava", System.getenv("SNNC_PYTHON3_LAVA"));
        if (configured != null) {
            python = Path.of(configured);
        }
        if (!Files.isExecutable(python)) {
            System.out.println("NirRoundTripTest: NIR's reader not run, no wrapper at " + python + " (set -Dsnnc.lava=PATH)");
            return;
        }
        Path file = dir.resolve(model + ".nir");
        NirWriter.write(calibratedLike(model), file);
        String script = "import nir, sys\n"
                + "g = nir.read(sys.argv[1])\n"
                + "kinds = sorted({type(n).__name__ for n in g.nodes.values()})\n"
                + "ifs = [n for n in g.nodes.values() if type(n).__name__ == 'IF']\n"
                + "print('KINDS', ','.join(kinds))\n"
                + "print('IF', len(ifs), 'EDGES', len(g.edges))\n"
                + "print('OUT', list(g.nodes['output'].output_type['output']))\n";
        Path py = dir.resolve("check.py");
        Files.writeString(py, script);
        List<String> cmd = new ArrayList<>(List.of(python.toString(), py.toString(), file.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), "nir.read failed:\n" + out);
        CalibratedSnn snn = calibratedLike(model);
        long populations = snn.graph().nodes().stream().filter(n -> n.op() instanceof IfNeuron).count();
        assertTrue(out.contains("IF " + populations + " EDGES"), out);
        assertTrue(out.contains("KINDS ") && out.contains("Conv2d") && out.contains("IF") && out.contains("Input")
                && out.contains("Output") && out.contains("Scale"), out);
        assertTrue(out.contains("OUT [" + snn.graph().outputShape().dim(0) + "]"), out);
    }
}
