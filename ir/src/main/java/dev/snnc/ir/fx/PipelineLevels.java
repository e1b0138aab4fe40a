package dev.snnc.ir.fx;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How deep each population sits in the pipeline: 1 for a population driven only by the analog
 * image, one more than its deepest source otherwise; rate-coded pixels are a spike source of level
 * 1, so the populations they drive are level 2. On a target with a synaptic delay of d steps,
 * population p first sees frame 0 at step {@code d·(level(p) − 1)}. Sources that do not name an
 * earlier population count as level 0 ({@link FxNetwork#verify} reports them).
 *
 * @param population per population, in network order
 * @param readout    the readout's level
 */
public record PipelineLevels(int[] population, int readout) {
    public PipelineLevels {
        population = population.clone();
    }

    @Override
    public int[] population() {
        return population.clone();
    }

    public int of(int p) {
        return population[p];
    }

    static PipelineLevels of(FxNetwork net) {
        Set<String> spikeDriven = new HashSet<>();
        if (net.inputEncoding().isRate()) {
            net.inputs().forEach(in -> spikeDriven.add(in.population()));
        }
        Map<String, Integer> levelOf = new HashMap<>();
        int[] level = new int[net.populations().size()];
        for (int p = 0; p < level.length; p++) {
            FxPopulation pop = net.populations().get(p);
            int lv = spikeDriven.contains(pop.name()) ? 2 : 1;
            for (FxSynapses s : pop.inputs()) {
                lv = Math.max(lv, levelOf.getOrDefault(s.source(), 0) + 1);
            }
            level[p] = lv;
            levelOf.putIfAbsent(pop.name(), lv);
        }
        int readout = 1;
        for (FxSynapses s : net.readout().inputs()) {
            readout = Math.max(readout, levelOf.getOrDefault(s.source(), 0) + 1);
        }
        return new PipelineLevels(level, readout);
    }
}
