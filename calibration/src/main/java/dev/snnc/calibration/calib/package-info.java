/**
 * The SNN Calibration method: thresholds, bias calibration, potential initialisation and
 * layer-wise weight calibration, orchestrated by {@link dev.snnc.calibration.calib.Calibrator}.
 */
package dev.snnc.calibration.calib;
