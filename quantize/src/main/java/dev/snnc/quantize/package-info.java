/**
 * Mapping calibrated float SNNs onto a target's fixed point: {@link dev.snnc.quantize.Quantizer}
 * reads the SNN in real units (thresholds and pool divisors folded into weights, preprocessing
 * folded into the first layer), rounds it onto the target's widths with one scale per population,
 * and recalibrates integer biases against the bit-exact simulator. Where a target has one
 * threshold per population, {@link dev.snnc.quantize.ThresholdGroups} first splits populations
 * into groups of channels with similar thresholds (docs/adr/0032). {@link
 * dev.snnc.quantize.Quantizer#ideal} is the wide-integer reference mapping.
 */
package dev.snnc.quantize;
