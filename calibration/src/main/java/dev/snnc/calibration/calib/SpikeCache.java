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
 * batch: populations as boolean spikes {@code [T, N, ...]} (the amplitude θ is applied on read),
 * other values as floats. A population whose spikes take more than {@link #PACK_ABOVE_BYTES} per
 * image ({@code T·neurons} bytes) is packed 8 steps to a byte ({@code [ceil(T/8), N, ...]}, bit k of
 * byte j is step 8j+k): what lets a 224x224 MobileNet's first layers (800k neurons x T x 256 images)
 * fit. The bound is per image, not per batch, so that the smaller pass batches of large inputs
 * ({@link dev.snnc.calibration.djl.PassBatch}) do not turn packing off. Unpacking costs 10-20% of calibration time
 * (measured on the bundled MobileNet, whose populations stay below the bound).
 */
final class SpikeCache implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, List<NDArray>> byBatch = new HashMap<>();
    private final Map<String, NDArray> thresholds = new HashMap<>();
    private final long packAboveBytes;

    /**
     * Spike bytes per image ({@code T·neurons}) above which a population is stored 8 steps to a byte:
     * 2 MiB, i.e. the 256 MiB per 128-image batch this bound was first set as.
     */
    static final long PACK_ABOVE_BYTES = 2L << 20;

    SpikeCache(NDManager parent) {
        this(parent, PACK_ABOVE_BYTES);
    }

    SpikeCache(NDManager parent, long packAboveBytes) {
        this.manager = parent.newSubManager();
        this.packAboveBytes = packAboveBytes;
    }

    /** Stores the per-step values of {@code name} for one batch (the list is consumed). */
    void put(String name, int batch, List<NDArray> perStep, Graph g) {
        boolean spikes = g.node(name).orElseThrow().op() instanceof IfNeuron;
        boolean pack = spikes && !perStep.isEmpty()
                && perStep.size() * (perStep.get(0).size() / perStep.get(0).getShape().get(0)) > packAboveBytes;
        NDArray stacked = pack ? pack(perStep) : NDArrays.stack(new NDList(perStep.toArray(new NDArray[0])));
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

    /** Boolean spikes of T steps as {@code [ceil(T/8), N, ...]} bytes, built a group of 8 steps at a time. */
    private static NDArray pack(List<NDArray> perStep) {
        List<NDArray> groups = new java.util.ArrayList<>();
        for (int j = 0; j < perStep.size(); j += 8) {
            NDArray group = null;
            for (int k = 0; k < 8 && j + k < perStep.size(); k++) {
                NDArray bit = perStep.get(j + k).toType(DataType.UINT8, false).muli(1 << k);
                if (group == null) {
                    group = bit;
                } else {
                    group.addi(bit);
                    bit.close();
                }
            }
            groups.add(group);
        }
        NDArray packed = NDArrays.stack(new NDList(groups.toArray(new NDArray[0])));
        groups.forEach(NDArray::close);
        return packed;
    }

    /** Step {@code t} of packed spikes as floats 0 or 1. */
    private static NDArray unpack(NDArray packed, int t) {
        return packed.get(t / 8).toType(DataType.FLOAT32, false).div(1 << (t % 8)).floor().mod(2f);
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
        boolean isPacked = stored.getDataType() == DataType.UINT8;
        return new StepValues() {
            @Override
            public NDArray at(int t) {
                return theta == null ? stored.get(t)
                        : (isPacked ? unpack(stored, t) : stored.get(t).toType(DataType.FLOAT32, false)).mul(theta);
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
