package dev.snnc.formats;

import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.Graph;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A calibrated spiking network as saved to disk: the SNN graph (thresholds, biases, initial
 * potentials and neuron semantics live in its IfNeuron nodes; preprocessing in the graph), the
 * number of time steps it was calibrated for, the input encoding, and provenance (source model
 * hash, method, options, seed; sorted, no time stamps, so files are byte-identical run to run).
 */
public record CalibratedSnn(Graph graph, int timesteps, InputEncoding encoding, Map<String, String> provenance) {
    public CalibratedSnn {
        provenance = Collections.unmodifiableMap(new TreeMap<>(provenance));
        if (timesteps < 1) {
            throw new IllegalArgumentException("timesteps must be positive, got " + timesteps);
        }
    }
}
