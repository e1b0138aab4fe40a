package dev.snnc.simulator;

import dev.snnc.ir.target.TargetSpec;

/**
 * Energy per inference from a run's counts and the target's per-operation figures:
 * {@code synaptic ops · E_syn + neuron updates · E_update + spikes · E_spike} (spikes counted as
 * within-tile traffic: without a core mapping the split across tiles is unknown, so this is a lower
 * bound for multi-core layouts). Empty when the profile has no measured figures.
 */
public record EnergyEstimate(double synapticOpsPerImage, double neuronUpdatesPerImage, double spikesPerImage,
                             double microjoulesPerImage, String source) {

    public static java.util.Optional<EnergyEstimate> of(SimulationResult r, TargetSpec target) {
        TargetSpec.Energy e = target.energy();
        if (e.synapticOpPj() <= 0 || r.images() == 0) {
            return java.util.Optional.empty();
        }
        double n = r.images();
        double spikes = r.spikes().values().stream().mapToLong(Long::longValue).sum() / n;
        double ops = r.synapticOps() / n;
        double updates = r.neuronUpdates() / n;
        double pj = ops * e.synapticOpPj() + updates * e.neuronUpdatePj() + spikes * e.spikeWithinTilePj();
        return java.util.Optional.of(new EnergyEstimate(ops, updates, spikes, pj / 1e6, e.source()));
    }
}
