package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters for one SNN run of T steps: thresholds pre-shaped for broadcasting, and each
 * population's constant per-step current {@code bias + θ/(2T)} either folded into the bias of the
 * conv/linear layer that feeds only it (free inside the layer's kernel) or kept to be added
 * separately. Saves elementwise passes, which dominate the cost of a step.
 */
final class RunParameters implements ParameterSource {
    private final ParameterSource base;
    private final Map<String, NDArray> fusedBiases = new HashMap<>();
    private final Map<String, NDArray> unfusedCurrents = new HashMap<>();
    private final Map<String, NDArray> thresholds = new HashMap<>();
    private final Map<String, NDArray> fireLevels = new HashMap<>();

    RunParameters(Graph g, ParameterSource base, int timesteps, NDManager owner) {
        this.base = base;
        for (Node n : g.nodes()) {
            if (!(n.op() instanceof IfNeuron f)) {
                continue;
            }
            int rank = g.shapeOf(n.name()).rank() + 1;
            float[] current = new float[f.bias().size()];
            for (int c = 0; c < current.length; c++) {
                current[c] = f.bias().get(c) + (f.model().halfStepShift() ? f.threshold(c) / (2f * timesteps) : 0f);
            }
            thresholds.put(n.name(), owner.create(f.threshold().toArray()).reshape(BatchShapes.channel(rank, f.threshold().size())));
            if (!f.firesAtThreshold()) {
                int channels = f.threshold().size() == 1 && f.fireRatio().size() == 1 ? 1 : g.shapeOf(n.name()).dim(0);
                float[] level = new float[channels];
                for (int c = 0; c < channels; c++) {
                    level[c] = f.fireLevel(c);
                }
                fireLevels.put(n.name(), owner.create(level).reshape(BatchShapes.channel(rank, channels)));
            }
            Node feeder = g.node(n.input(0)).orElse(null);
            boolean fusable = feeder != null && (feeder.op() instanceof Conv2d || feeder.op() instanceof Linear)
                    && g.consumers(feeder.name()).size() == 1 && !feeder.name().equals(g.outputName());
            NDArray currentNd = owner.create(current);
            if (fusable) {
                fusedBiases.put(feeder.name(), base.bias(feeder.name()).add(currentNd));
            } else {
                unfusedCurrents.put(n.name(), currentNd.reshape(BatchShapes.channel(rank, current.length)));
            }
        }
    }


    @Override
    public NDArray weight(String node) {
        return base.weight(node);
    }

    @Override
    public NDArray bias(String node) {
        NDArray fused = fusedBiases.get(node);
        return fused != null ? fused : base.bias(node);
    }

    /** The value a spike of {@code population} carries. */
    NDArray threshold(String population) {
        return thresholds.get(population);
    }

    /** The potential at which {@code population} fires: its threshold times its fire ratio. */
    NDArray fireLevel(String population) {
        return fireLevels.getOrDefault(population, thresholds.get(population));
    }

    /** The per-step current to add in the population itself, or null if it was folded upstream. */
    NDArray unfusedCurrent(String population) {
        return unfusedCurrents.get(population);
    }

    /** Arrays owned by the run, to be attached to each step's manager. */
    List<NDArray> arrays() {
        List<NDArray> all = new ArrayList<>(fusedBiases.values());
        all.addAll(unfusedCurrents.values());
        all.addAll(thresholds.values());
        all.addAll(fireLevels.values());
        return all;
    }
}
