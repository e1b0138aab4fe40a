package dev.snnc.backend.loihi.mapping;

import java.util.List;
import java.util.Map;

/**
 * Where every neuron lives: per population its ranges (Lava order, end exclusive) with core and
 * chip, and each core's load.
 */
public record CoreMap(Map<String, List<Range>> ranges, List<Core> cores, int chips) {
    public CoreMap {
        ranges = Map.copyOf(ranges);
        cores = List.copyOf(cores);
    }

    /** Neurons {@code [start, end)} of a population (Lava flat order) on one core. */
    public record Range(int core, int chip, int start, int end) {
    }

    /** One core's load. */
    public record Core(int id, int chip, String population, int neurons, long synapses, long synapseBits, int inputAxons,
                       long outputAxons) {
    }
}
