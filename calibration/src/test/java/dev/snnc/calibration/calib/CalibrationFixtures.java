package dev.snnc.calibration.calib;

import dev.snnc.frontend.ModelLoader;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import java.nio.file.Path;
import java.util.List;

/** Models and images shared by the calibration tests (repository files only, no Debian data). */
final class CalibrationFixtures {
    static final Path SUBSET = Path.of("..", "data", "fashion-mnist-subset");

    private CalibrationFixtures() {
    }

    static Graph mobilenet() {
        return ModelLoader.load(Path.of("..", "models", "mobilenet-fashion.onnx"));
    }

    static Graph testModel(String name) {
        return ModelLoader.load(Path.of("..", "testdata", "models", name + ".onnx"));
    }

    static LabeledImages train() {
        return MnistFormatDataset.load(SUBSET, MnistFormatDataset.Split.TRAIN);
    }

    static LabeledImages test() {
        return MnistFormatDataset.load(SUBSET, MnistFormatDataset.Split.TEST);
    }

    static Preprocessing pre(Graph g) {
        return g.preprocessing().orElse(new Preprocessing(1 / 255.0, List.of(0.286), List.of(0.353)));
    }

    /** Small, fast settings: T=8, 128 images, 2 threshold batches of 64. */
    static CalibrationOptions quick(String method) {
        CalibrationOptions d = CalibrationOptions.defaults(8, CalibrationStep.parseMethod(method)).withImages(128, 64)
                .withWeightTraining(150, 1e-3);
        return new CalibrationOptions(d.timesteps(), d.threshold(), d.steps(), d.neuron(), d.encoding(), d.calibImages(),
                d.batchSize(), 2, d.emaMomentum(), d.weightIterations(), d.weightBatchSize(), d.learningRate(), d.seed(), 2, 64, 1);
    }
}
