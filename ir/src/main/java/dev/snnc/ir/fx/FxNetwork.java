package dev.snnc.ir.fx;

import dev.snnc.ir.Shape;
import dev.snnc.ir.target.TargetSpec;
import java.util.List;
import java.util.Map;

/**
 * A fixed-point spiking network for one target: the integer first layer(s) reading pixel bytes,
 * populations in dependency order (each reads only earlier ones), then the readout, a
 * non-spiking integer accumulator whose sum over the last T steps is arg-maxed.
 *
 * @param inputShape  the image shape {@code [C,H,W]} (pixel bytes)
 * @param inputs      the first layer: per-image constant currents of the populations it drives
 * @param timesteps   the T the network was calibrated for
 * @param provenance  where it came from (sorted when written; no time stamps)
 */
public record FxNetwork(String name, Shape inputShape, List<FxInput> inputs, List<FxPopulation> populations,
                        FxReadout readout, TargetSpec target, int timesteps, Map<String, String> provenance) {
    public FxNetwork {
        inputs = List.copyOf(inputs);
        populations = List.copyOf(populations);
        provenance = Map.copyOf(provenance);
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be positive, got " + timesteps);
        }
    }

    /** The readout: integer synapses into {@code shape} outputs plus a per-output bias each step. */
    public record FxReadout(Shape shape, List<FxSynapses> inputs, long[] bias) {
        public FxReadout {
            inputs = List.copyOf(inputs);
            bias = bias.clone();
        }

        @Override
        public long[] bias() {
            return bias.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof FxReadout r && shape.equals(r.shape) && inputs.equals(r.inputs)
                    && java.util.Arrays.equals(bias, r.bias);
        }

        @Override
        public int hashCode() {
            return shape.hashCode() * 31 + inputs.hashCode();
        }
    }

    public FxPopulation population(String populationName) {
        return populations.stream().filter(p -> p.name().equals(populationName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no population '" + populationName + "'"));
    }

    public FxNetwork withPopulations(List<FxPopulation> replaced) {
        return new FxNetwork(name, inputShape, inputs, replaced, readout, target, timesteps, provenance);
    }

    public FxNetwork withTimesteps(int t) {
        return new FxNetwork(name, inputShape, inputs, populations, readout, target, t, provenance);
    }
}
