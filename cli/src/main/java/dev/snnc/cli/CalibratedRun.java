package dev.snnc.cli;

import dev.snnc.calibration.calib.CalibrationOptions;
import dev.snnc.calibration.calib.CalibrationStep;
import dev.snnc.calibration.calib.Calibrator;
import dev.snnc.calibration.calib.ProgressSink;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;

/**
 * A benchmark's unit of float work: calibrate an ANN with {@code opt} on the training images,
 * then evaluate the float SNN on the test images (batches of 250, all cores).
 */
record CalibratedRun(Graph snn, double calibrationSeconds, SnnEvaluator.Result floatSnn) {
    static CalibratedRun of(Graph ann, ImageSet train, ImageSet test, Preprocessing pre, CalibrationOptions opt) {
        long t0 = System.nanoTime();
        Graph snn = Calibrator.calibrate(ann, train, pre, opt, ProgressSink.NONE).snn();
        double seconds = (System.nanoTime() - t0) / 1e9;
        try (FloatSnnExecutor exec = new FloatSnnExecutor(snn, Runtime.getRuntime().availableProcessors())) {
            return new CalibratedRun(snn, seconds,
                    SnnEvaluator.evaluate(exec, test, pre, opt.timesteps(), opt.encoding(), 250, i -> { }));
        }
    }

    /** `light` calibration (mse thresholds, bias) at T on {@code images} calibration images, as compile does by default. */
    static CalibratedRun light(Graph ann, ImageSet train, ImageSet test, Preprocessing pre, int t, int images) {
        return of(ann, train, test, pre, CalibrationOptions.defaults(t,
                CalibrationStep.parseMethod("light")).withImages(images, 128));
    }
}
