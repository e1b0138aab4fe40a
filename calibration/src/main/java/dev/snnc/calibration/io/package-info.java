/** The calibrated-SNN file format ({@code .snn}, versioned JSON); schema in calibration/README.md. */
package dev.snnc.calibration.io;
