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
 * @param inputs      the first layer: per-image constant currents of the populations it drives, or
 *                    on-chip synapses from the pixels' spikes (see {@code inputEncoding})
 * @param timesteps   the T the network was calibrated for
 * @param provenance  where it came from (sorted when written; no time stamps)
 * @param inputEncoding how the image drives {@code inputs}
 */
public record FxNetwork(String name, Shape inputShape, List<FxInput> inputs, List<FxPopulation> populations,
                        FxReadout readout, TargetSpec target, int timesteps, Map<String, String> provenance,
                        FxInputEncoding inputEncoding) {
    /** A network with analog input (the image as constant currents). */
    public FxNetwork(String name, Shape inputShape, List<FxInput> inputs, List<FxPopulation> populations,
                     FxReadout readout, TargetSpec target, int timesteps, Map<String, String> provenance) {
        this(name, inputShape, inputs, populations, readout, target, timesteps, provenance, FxInputEncoding.ANALOG);
    }

    public FxNetwork {
        java.util.Objects.requireNonNull(inputEncoding, "inputEncoding");
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

    /**
     * Refuses rate-coded input for a consumer that only emits the analog first layer (the backends:
     * on chip, rate-coded pixels need a spike source and first-layer synapses they do not yet write).
     */
    public void requireAnalogInput(String consumer) {
        if (inputEncoding.isRate()) {
            String first = inputs.isEmpty() ? "the first layer" : "population " + inputs.get(0).population();
            throw new dev.snnc.ir.diag.SnncException(dev.snnc.ir.diag.Diagnostic.of(
                    dev.snnc.ir.diag.DiagnosticCode.NOT_CONVERTIBLE, dev.snnc.ir.Origin.SYNTHETIC,
                    name + ": " + first + " is driven by rate-coded pixel spikes (full scale " + inputEncoding.fullScale()
                            + "); " + consumer + " emits analog input only: calibrate with --encoding analog"));
        }
    }

    public FxPopulation population(String populationName) {
        return populations.stream().filter(p -> p.name().equals(populationName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no population '" + populationName + "'"));
    }

    public FxNetwork withPopulations(List<FxPopulation> replaced) {
        return new FxNetwork(name, inputShape, inputs, replaced, readout, target, timesteps, provenance, inputEncoding);
    }

    public FxNetwork withTimesteps(int t) {
        return new FxNetwork(name, inputShape, inputs, populations, readout, target, t, provenance, inputEncoding);
    }
}
