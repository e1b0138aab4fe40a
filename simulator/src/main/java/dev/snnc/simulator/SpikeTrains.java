package dev.snnc.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The spikes of chosen populations at every step of every image of one run, kept so that later
 * runs of a network that differs only in later populations can replay them instead of simulating
 * everything before (layer-by-layer recalibration changes one population at a time). Replay is
 * exact: the recorded populations and all they depend on must be unchanged.
 */
public final class SpikeTrains {
    private final int images;
    private final int steps;
    /** Per population: {@code [image][step]} the indexes of the neurons that fired. */
    private final Map<Integer, int[][][]> byPopulation = new HashMap<>();

    public SpikeTrains(int images, int steps) {
        this.images = images;
        this.steps = steps;
    }

    /** Makes room for {@code population}'s trains (before a parallel run fills them image by image). */
    void prepare(int population) {
        byPopulation.put(population, new int[images][steps][]);
    }

    void put(int population, int image, int step, int[] spikes, int count) {
        byPopulation.get(population)[image][step] = java.util.Arrays.copyOf(spikes, count);
    }

    boolean has(int population) {
        return byPopulation.containsKey(population);
    }

    int[] get(int population, int image, int step) {
        return byPopulation.get(population)[image][step];
    }

    int images() {
        return images;
    }

    int steps() {
        return steps;
    }

    /** Forgets populations below {@code population} (what no later run will replay). */
    public void dropBefore(int population) {
        byPopulation.keySet().removeIf(p -> p < population);
    }
}
