package dev.snnc.distributed;

import dev.snnc.calibration.calib.CalibrationImages;
import dev.snnc.cli.DataSource;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import java.io.Serializable;

/**
 * What a calibration task rebuilds on its executor from plain values the closure can carry: the
 * preprocessing (as text), the ANN with that preprocessing, and the calibration images drawn exactly
 * as on the driver (same set, count and seed), so that a task's batch ranges index the same images.
 */
record CalibrationTaskInputs(String preprocessingText, DataSource train, int calibImages, long seed)
        implements Serializable {

    static CalibrationTaskInputs of(Preprocessing pre, DataSource train, int calibImages, long seed) {
        return new CalibrationTaskInputs(pre.format() + pre.formatGeometry(), train, calibImages, seed);
    }

    Preprocessing preprocessing() {
        return Preprocessing.parse(preprocessingText);
    }

    /** The ANN from the broadcast ONNX bytes, with this preprocessing attached. */
    Graph ann(byte[] onnxBytes) {
        return Models.onnx(onnxBytes).toBuilder().preprocessing(preprocessing()).build();
    }

    CalibrationImages images() {
        return new CalibrationImages(train.open(), preprocessing(), calibImages, seed);
    }
}
