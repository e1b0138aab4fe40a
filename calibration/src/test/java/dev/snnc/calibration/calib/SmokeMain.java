package dev.snnc.calibration.calib;

import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.calibration.djl.InputEncoding;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import java.nio.file.Path;

/** Temporary manual smoke run (not a test). */
public final class SmokeMain {
    public static void main(String[] args) {
        Graph ann = ModelLoader.load(Path.of(args[0]));
        Preprocessing pre = ann.preprocessing().orElseThrow();
        LabeledImages train = MnistFormatDataset.load(Path.of("../data/fashion-mnist-subset"), MnistFormatDataset.Split.TRAIN);
        LabeledImages test = MnistFormatDataset.load(Path.of("../data/fashion-mnist-subset"), MnistFormatDataset.Split.TEST);
        int t = Integer.parseInt(args[1]);
        CalibrationOptions opt = CalibrationOptions.defaults(t, CalibrationStep.parseMethod(args[2]))
                .withImages(Integer.parseInt(args[3]), 128);
        if (args.length > 4) {
            opt = opt.withThreshold(dev.snnc.calibration.threshold.ThresholdSpec.parse(args[4], false));
        }
        long t0 = System.nanoTime();
        Calibrator.Result r = Calibrator.calibrate(ann, train, pre, opt, ProgressSink.NONE);
        System.out.printf("calibration %.1f s (thresholds %.1f s)%n", (System.nanoTime() - t0) / 1e9, r.report().thresholdSeconds());
        r.report().layers().forEach(l -> System.out.printf("  %-10s θ %.3f  mse %.5f -> %.5f%n", l.name(), l.thresholdMax(), l.mseBefore(), l.mseAfter()));
        r.report().weightFits().forEach(w -> System.out.printf("  fit %-10s %.4f -> %.4f%n", w.layer(), w.lossBefore(), w.lossAfter()));
        try (FloatSnnExecutor exec = new FloatSnnExecutor(r.snn(), 2)) {
            SnnEvaluator.Result e = SnnEvaluator.evaluate(exec, test, pre, t, InputEncoding.ANALOG, 250, i -> { });
            System.out.printf("SNN T=%d acc %.2f%% in %.1f s (%.0f img*T/s) mean rate %.3f%n", t, 100 * e.accuracy(), e.seconds(),
                    e.imageStepsPerSecond(), e.meanFiringRate());
        }
    }
}
