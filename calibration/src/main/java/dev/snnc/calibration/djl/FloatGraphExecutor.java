package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs an IR graph in float32 on DJL's PyTorch engine, batched. Weights live in a long-lived
 * manager owned by this object; every call's intermediates belong to the caller's manager (the
 * input's), so a try-with-resources sub-manager per batch keeps native memory flat.
 */
public final class FloatGraphExecutor implements AutoCloseable {
    private final Graph graph;
    private final NDManager manager;
    private final DeviceParameters params;

    public FloatGraphExecutor(Graph graph, int threads) {
        DjlRuntime.engine(threads);
        this.graph = graph;
        this.manager = NDManager.newBaseManager();
        this.params = new DeviceParameters(graph, manager);
    }

    public Graph graph() {
        return graph;
    }

    /** The manager that owns the weights; make per-batch sub-managers from it. */
    public NDManager manager() {
        return manager;
    }

    /** The graph output for a batch {@code [N, C, H, W]}. */
    public NDArray forward(NDArray input) {
        return forwardAll(input).get(graph.outputName());
    }

    /** Every value of the graph for a batch, by name (the input included), in graph order. */
    public Map<String, NDArray> forwardAll(NDArray input) {
        return forwardUpTo(input, null);
    }

    /** Values of the graph up to and including node {@code stopAfter} (null: all). */
    public Map<String, NDArray> forwardUpTo(NDArray input, String stopAfter) {
        Map<String, NDArray> values = new LinkedHashMap<>();
        values.put(graph.inputName(), input);
        for (Node n : graph.nodes()) {
            List<NDArray> ins = new ArrayList<>(n.inputs().size());
            for (String i : n.inputs()) {
                ins.add(values.get(i));
            }
            values.put(n.name(), n.op().accept(new OpExecutor(n.name(), ins, params)));
            if (n.name().equals(stopAfter)) {
                break;
            }
        }
        return values;
    }

    /** Convenience for callers without DJL types: a row-major batch in, row-major outputs out. */
    public float[] forward(float[] batch, int n) {
        try (NDManager scope = manager.newSubManager()) {
            return forward(inputArray(scope, batch, n)).toFloatArray();
        }
    }

    /** Wraps a row-major {@code [n, C, H, W]} float batch as an NDArray owned by {@code scope}. */
    public NDArray inputArray(NDManager scope, float[] batch, int n) {
        return scope.create(batch, BatchShapes.of(graph.inputShape(), n));
    }

    @Override
    public void close() {
        manager.close();
    }
}
