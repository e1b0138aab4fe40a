/** Fixed-point mapping of a calibrated SNN and integer-domain recalibration (filled by the quantize issue). */
package dev.snnc.quantize;
