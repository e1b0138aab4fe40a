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
        provenance = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(provenance));
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
     * Checks everything a consumer relies on (array lengths against shapes, sources that exist and
     * come earlier, window geometry, values within the target's widths, delays the simulator runs)
     * and reports every problem into {@code diagnostics}, each naming the population and its ONNX
     * node. Readers call it on every file; the backend driver before and after legalization.
     */
    public void verify(dev.snnc.ir.diag.Diagnostics diagnostics) {
        new FxVerifier(this, diagnostics).run();
    }

    /** {@link #verify} that throws an {@code SnncException} with every problem found. */
    public FxNetwork verified() {
        dev.snnc.ir.diag.Diagnostics d = new dev.snnc.ir.diag.Diagnostics();
        verify(d);
        d.throwIfAny();
        return this;
    }

    /** Each population's pipeline level and the readout's (see {@link PipelineLevels}). */
    public PipelineLevels levels() {
        return PipelineLevels.of(this);
    }

    /**
     * Steps between an image's first frame and the readout's first input: one per synaptic layer
     * after the first on targets with a synaptic delay, 0 on targets without. A run lasts
     * {@code timesteps + pipelineLatency()} steps.
     */
    public int pipelineLatency() {
        return target.arithmetic().synapticDelay() * (levels().readout() - 1);
    }

    /** Steps one run of an image takes on the target: T plus the pipeline latency. */
    public int steps() {
        return timesteps + pipelineLatency();
    }

    public FxPopulation population(String populationName) {
        return populations.stream().filter(p -> p.name().equals(populationName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no population '" + populationName + "'"));
    }

    public FxNetwork withPopulations(List<FxPopulation> replaced) {
        return new FxNetwork(name, inputShape, inputs, replaced, readout, target, timesteps, provenance, inputEncoding);
    }

    public FxNetwork withReadout(FxReadout replaced) {
        return new FxNetwork(name, inputShape, inputs, populations, replaced, target, timesteps, provenance, inputEncoding);
    }

    public FxNetwork withTimesteps(int t) {
        return new FxNetwork(name, inputShape, inputs, populations, readout, target, t, provenance, inputEncoding);
    }
}
