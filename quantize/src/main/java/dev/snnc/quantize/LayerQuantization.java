package dev.snnc.quantize;

import java.util.List;

/**
 * What quantization did to one population (or the readout): the chosen scale (integer units per
 * real unit of the threshold scale), each synapse group's exponent, relative RMS rounding error
 * of the weights, clipped weights, integer threshold range, constant currents that hit the
 * target's bias range, and the per-layer rate error (mean |rate − target| over channels) before
 * and after integer recalibration (NaN until measured).
 */
public record LayerQuantization(String name, double scale, List<Integer> exponents, double weightError, int clippedWeights,
                                long thresholdMin, long thresholdMax, int saturatedBiases, int clippedInitialV,
                                double rateErrorBefore, double rateErrorAfter) {
    public LayerQuantization {
        exponents = List.copyOf(exponents);
    }

    LayerQuantization withRateErrors(double before, double after) {
        return new LayerQuantization(name, scale, exponents, weightError, clippedWeights, thresholdMin, thresholdMax,
                saturatedBiases, clippedInitialV, before, after);
    }
}
