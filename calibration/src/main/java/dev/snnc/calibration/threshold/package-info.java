/** Threshold selection from ANN activations: max, percentile and the reference mse grid search. */
package dev.snnc.calibration.threshold;
