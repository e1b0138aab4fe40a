package dev.snnc.calibration.calib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.snnc.calibration.djl.BatchShapes;
import dev.snnc.calibration.djl.StepValues;
import dev.snnc.ir.Graph;
import dev.snnc.ir.op.IfNeuron;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-step values at the cut between calibrated and uncalibrated layers, for every calibration
 * batch: tensors {@code [T, N, ...]}, populations as boolean spikes (1 byte per neuron-step, the
 * amplitude θ is applied on read), other values as floats.
 */
final class SpikeCache implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, List<NDArray>> byBatch = new HashMap<>();
    private final Map<String, NDArray> thresholds = new HashMap<>();

    SpikeCache(NDManager parent) {
        this.manager = parent.newSubManager();
    }

    /** Stores the per-step values of {@code name} for one batch (the list is consumed). */
    void put(String name, int batch, List<NDArray> perStep, Graph g) {
        NDArray stacked = NDArrays.stack(new NDList(perStep.toArray(new NDArray[0])));
        stacked.attach(manager);
        perStep.forEach(NDArray::close);
        List<NDArray> list = byBatch.computeIfAbsent(name, k -> new java.util.ArrayList<>());
        while (list.size() <= batch) {
            list.add(null);
        }
        NDArray old = list.set(batch, stacked);
        if (old != null) {
            old.close();
        }
        if (g.node(name).orElseThrow().op() instanceof IfNeuron f && !thresholds.containsKey(name)) {
            NDArray theta = manager.create(f.threshold().toArray())
                    .reshape(BatchShapes.channel(stacked.getShape().dimension() - 1, f.threshold().size()));
            thresholds.put(name, theta);
        }
    }

    /** Drops everything not in {@code keep}. */
    void retainOnly(Set<String> keep) {
        byBatch.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            e.getValue().forEach(NDArray::close);
            return true;
        });
    }

    boolean contains(String name) {
        return byBatch.containsKey(name);
    }

    StepValues reader(String name, int batch) {
        NDArray stored = byBatch.get(name).get(batch);
        NDArray theta = thresholds.get(name);
        return new StepValues() {
            @Override
            public NDArray at(int t) {
                NDArray v = stored.get(t);
                return theta == null ? v : v.toType(DataType.FLOAT32, false).mul(theta);
            }

            @Override
            public List<NDArray> arrays() {
                return theta == null ? List.of(stored) : List.of(stored, theta);
            }
        };
    }

    @Override
    public void close() {
        manager.close();
    }
}
