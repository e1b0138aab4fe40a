/** ANN-to-SNN conversion: ReLUs become integrate-and-fire populations in the same IR graph. */
package dev.snnc.calibration.convert;
