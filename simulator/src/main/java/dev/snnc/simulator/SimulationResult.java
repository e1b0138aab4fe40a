package dev.snnc.simulator;

import java.util.Map;

/**
 * What a simulation run measured: accuracy, predictions, per-population spike totals and rates,
 * synaptic operations and neuron updates, neurons whose constant current
 * (bias plus first layer) saturated the target's bias range (summed over images), the number of steps run (T plus pipeline latency).
 */
public record SimulationResult(int images, int correct, int[] predictions, int timesteps, int stepsRun,
                               Map<String, Long> spikes, Map<String, Double> firingRates, long synapticOps,
                               long neuronUpdates, long saturatedCurrents, double seconds) {
    public double accuracy() {
        return images == 0 ? 0 : (double) correct / images;
    }

    public double synapticOpsPerSecond() {
        return synapticOps / Math.max(seconds, 1e-9);
    }

    public double imageStepsPerSecond() {
        return (double) images * timesteps / Math.max(seconds, 1e-9);
    }
}
