package dev.snnc.cli;

import dev.snnc.calibration.convert.PhaseCopies;

/** The checks {@code --phase-copies K} gets in every command that takes it, made before any data is read. */
final class PhaseCopiesOption {
    private PhaseCopiesOption() {
    }

    /** Refuses K out of range, and copies with Spark (the workers rebuild the model from the ONNX bytes, unsplit). */
    static void refuseEarly(int k, SparkOptions spark) {
        PhaseCopies.requireValid(k);
        if (spark.enabled() && k != 1) {
            throw DataOptions.badOption("--phase-copies with --spark: the Spark workers rebuild the model from the ONNX "
                    + "file, without the copies; drop one of the two");
        }
    }
}
