/**
 * Mapping calibrated float SNNs onto a target's fixed point. {@link dev.snnc.quantize.IdealMapper}
 * is the wide-integer reference mapping; target quantization and integer recalibration come with
 * the quantize issue.
 */
package dev.snnc.quantize;
