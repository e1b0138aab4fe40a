package dev.snnc.calibration.calib;

import java.util.List;

/**
 * What a calibration run did, per population: thresholds, the mean squared rate error
 * {@code mean (r − a)²} on the calibration images before any correction of that layer and after
 * all of them, and the weight-calibration loss; plus wall time per stage.
 */
public record CalibrationReport(List<Layer> layers, List<WeightCalibration.Result> weightFits,
                                double thresholdSeconds, double layerSeconds, int images) {
    /**
     * One population: its thresholds and the rate errors against the ANN on the calibration images
     * before the layer's corrections and after all of them (null when no correction ran).
     */
    /** {@code fireRatio}: the mean over channels of where they fire, as a fraction of θ (1 unless reset to zero). */
    public record Layer(String name, double thresholdMin, double thresholdMax, double fireRatio,
                        RateMeasurement.Errors before, RateMeasurement.Errors after) {
    }

    public double totalSeconds() {
        return thresholdSeconds + layerSeconds;
    }
}
