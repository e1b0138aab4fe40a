package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.ChannelAffine;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import java.util.HashMap;
import java.util.Map;

/**
 * The graph's constants copied once into native memory owned by a long-lived manager, so that
 * per-batch work never re-uploads weights. Keyed by node name.
 */
final class DeviceParameters implements ParameterSource {
    private final Map<String, NDArray> weights = new HashMap<>();
    private final Map<String, NDArray> biases = new HashMap<>();

    DeviceParameters(Graph graph, NDManager owner) {
        for (Node n : graph.nodes()) {
            if (n.op() instanceof Conv2d c) {
                put(n.name(), c.weight(), c.bias(), owner);
            } else if (n.op() instanceof Linear l) {
                put(n.name(), l.weight(), l.bias(), owner);
            } else if (n.op() instanceof ChannelAffine a) {
                put(n.name(), a.scale(), a.shift(), owner);
            } else if (n.op() instanceof IfNeuron f) {
                put(n.name(), f.threshold(), f.bias(), owner);
            }
        }
    }

    /** Replaces one node's parameters (calibration updates biases and weights in place). */
    void put(String node, Tensor weight, Tensor bias, NDManager owner) {
        replace(weights, node, toNd(weight, owner));
        replace(biases, node, toNd(bias, owner));
    }

    private static void replace(Map<String, NDArray> map, String key, NDArray value) {
        NDArray old = map.put(key, value);
        if (old != null) {
            old.close();
        }
    }

    @Override
    public NDArray weight(String node) {
        return require(weights, node);
    }

    @Override
    public NDArray bias(String node) {
        return require(biases, node);
    }

    private static NDArray require(Map<String, NDArray> map, String node) {
        NDArray a = map.get(node);
        if (a == null) {
            throw new IllegalStateException("no parameters loaded for node " + node);
        }
        return a;
    }

    /**
     * Broadcast shape for a per-channel vector of {@code size} values against a batch of shape
     * {@code batch}: {@code [1, C, 1, 1]} ({@code [1,1,1,1]} for a single value).
     */
    static Shape channelShape(Shape batch, long size) {
        return BatchShapes.channel(batch.dimension(), size);
    }

    static NDArray toNd(Tensor t, NDManager manager) {
        int[] dims = t.shape();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            shape[i] = dims[i];
        }
        return manager.create(t.toArray(), new Shape(shape));
    }
}
