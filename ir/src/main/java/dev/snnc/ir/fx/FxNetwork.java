package dev.snnc.ir.fx;

import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import dev.snnc.ir.target.TargetSpec;
import java.util.List;

/**
 * A fixed-point spiking network for one target: populations in dependency order (each reads only
 * earlier ones), then the readout, a non-spiking integer accumulator whose sum over the run is
 * arg-maxed. The analog input drives the first populations through their constant per-step
 * currents (the first synaptic layer evaluated once per image): {@code firstLayer} says how.
 *
 * @param firstLayer how an image becomes the first populations' per-neuron currents
 * @param timesteps  the T the network was calibrated for
 */
public record FxNetwork(String name, Shape inputShape, Preprocessing preprocessing, AnalogInput firstLayer,
                        List<FxPopulation> populations, FxReadout readout, TargetSpec target, int timesteps) {
    public FxNetwork {
        populations = List.copyOf(populations);
    }

    /** The readout: integer synapses into {@code shape} outputs plus a per-output bias each step. */
    public record FxReadout(Shape shape, List<FxSynapses> inputs, long[] bias) {
        public FxReadout {
            inputs = List.copyOf(inputs);
            bias = bias.clone();
        }
    }
}
