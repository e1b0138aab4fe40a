/**
 * ANN-to-SNN conversion: ReLUs become integrate-and-fire populations in the same IR graph; before
 * it, optionally, each activation channel is split into phase copies (ADR 0029).
 */
package dev.snnc.calibration.convert;
