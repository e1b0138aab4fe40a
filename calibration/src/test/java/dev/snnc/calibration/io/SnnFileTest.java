package dev.snnc.calibration.io;

import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.calibration.calib.CalibrationOptions;
import dev.snnc.calibration.calib.CalibrationStep;
import dev.snnc.calibration.calib.Calibrator;
import dev.snnc.calibration.calib.ProgressSink;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.ir.InputEncoding;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphPrinter;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnnFileTest {
    static final Path SUBSET = Path.of("..", "data", "fashion-mnist-subset");

    private static CalibratedSnn calibrated(long seed) {
        Graph ann = ModelLoader.load(Path.of("..", "testdata", "models", "residual.onnx"));
        LabeledImages train = MnistFormatDataset.load(SUBSET, MnistFormatDataset.Split.TRAIN);
        CalibrationOptions opt = CalibrationOptions.defaults(8, CalibrationStep.parseMethod("bias,potential,weights"))
                .withImages(96, 48).withWeightTraining(40, 1e-3).withSeed(seed);
        Calibrator.Result r = Calibrator.calibrate(ann, train, dev.snnc.ir.Preprocessing.UNIT_SCALE, opt, ProgressSink.NONE);
        return new CalibratedSnn(r.snn(), 8, InputEncoding.ANALOG, Map.of("seed", Long.toString(seed), "method", "test"));
    }

    @Test
    void roundTripKeepsEveryValueAndTheAccuracyBitForBit(@TempDir Path dir) {
        CalibratedSnn snn = calibrated(3);
        Path file = dir.resolve("m.snn");
        SnnFile.write(snn, file);
        CalibratedSnn back = SnnFile.read(file);
        assertEquals(GraphPrinter.print(snn.graph()), GraphPrinter.print(back.graph()));
        assertEquals(snn.graph().ops(), back.graph().ops());
        assertEquals(snn.provenance(), back.provenance());
        assertEquals(8, back.timesteps());
        assertTrue(SnnFile.looksLikeSnnFile(file));

        LabeledImages test = MnistFormatDataset.load(SUBSET, MnistFormatDataset.Split.TEST).first(64);
        assertArrayEquals(predictions(snn, test), predictions(back, test));
    }

    @Test
    void resetToZeroCalibrationChoosesFireRatiosAndTheFileKeepsThem(@TempDir Path dir) {
        Graph ann = ModelLoader.load(Path.of("..", "testdata", "models", "residual.onnx"));
        LabeledImages train = MnistFormatDataset.load(SUBSET, MnistFormatDataset.Split.TRAIN);
        dev.snnc.ir.op.NeuronModel zero = new dev.snnc.ir.op.NeuronModel(dev.snnc.ir.op.NeuronModel.Reset.ZERO,
                dev.snnc.ir.op.NeuronModel.Comparison.GREATER, true);
        CalibrationOptions opt = CalibrationOptions.defaults(16, CalibrationStep.parseMethod("light")).withImages(96, 48)
                .withNeuron(zero, InputEncoding.ANALOG);
        Graph snn = Calibrator.calibrate(ann, train, dev.snnc.ir.Preprocessing.UNIT_SCALE, opt, ProgressSink.NONE).snn();
        java.util.List<Boolean> early = snn.nodes().stream().filter(n -> n.op() instanceof dev.snnc.ir.op.IfNeuron)
                .map(n -> !((dev.snnc.ir.op.IfNeuron) n.op()).firesAtThreshold()).toList();
        assertTrue(early.contains(true), "a reset-to-zero population fires below its threshold: " + early);
        Path file = dir.resolve("zero.snn");
        SnnFile.write(new CalibratedSnn(snn, 16, InputEncoding.ANALOG, Map.of()), file);
        assertEquals(snn.ops(), SnnFile.read(file).graph().ops());
    }

    private static int[] predictions(CalibratedSnn snn, LabeledImages data) {
        try (FloatSnnExecutor exec = new FloatSnnExecutor(snn.graph(), 1)) {
            return SnnEvaluator.evaluate(exec, data, dev.snnc.ir.Preprocessing.UNIT_SCALE, snn.timesteps(),
                    snn.encoding(), 32, i -> { }).predictions();
        }
    }

    @Test
    void sameSeedGivesAByteIdenticalFile() {
        assertArrayEquals(SnnFile.toBytes(calibrated(5)), SnnFile.toBytes(calibrated(5)));
    }

    @Test
    void malformedFilesAreDiagnosed(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bad.snn");
        Files.writeString(f, "{\"format\": \"snnc-snn\", \"version\": 99}");
        SnncException e = assertThrows(SnncException.class, () -> SnnFile.read(f));
        assertEquals(DiagnosticCode.BAD_SNN_FILE, e.diagnostics().get(0).code());
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        Files.writeString(f, "{\"format\": \"snnc-snn\", \"version\": 1, \"timesteps\": 8, \"input_encoding\": \"analog\","
                + " \"graph\": {\"name\": \"g\", \"input\": {\"name\": \"x\", \"shape\": [4]}, \"output\": \"y\", \"nodes\": ["
                + "{\"name\": \"y\", \"op\": \"Softmax\", \"inputs\": [\"x\"], \"origin\": {\"name\": \"\", \"op\": \"\"}}]}}");
        e = assertThrows(SnncException.class, () -> SnnFile.read(f));
        assertTrue(e.getMessage().contains("unknown op 'Softmax'"), e.getMessage());
        assertThrows(SnncException.class, () -> SnnFile.read(dir.resolve("missing.snn")));
    }
}
