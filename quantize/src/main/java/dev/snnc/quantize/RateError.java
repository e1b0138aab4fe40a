package dev.snnc.quantize;

/** Per-layer rate error: the mean over channels of |rate − target| (spikes per neuron per step). */
final class RateError {
    private RateError() {
    }

    static double meanAbs(double[] rates, double[] targets) {
        double sum = 0;
        for (int c = 0; c < rates.length; c++) {
            sum += Math.abs(rates[c] - targets[c]);
        }
        return rates.length == 0 ? 0 : sum / rates.length;
    }
}
