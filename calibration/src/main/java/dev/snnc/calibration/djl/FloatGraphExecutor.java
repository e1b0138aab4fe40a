package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an IR graph in float32 on DJL's PyTorch engine, batched. Weights live in a long-lived
 * manager owned by this object; every call's intermediates belong to the caller's manager (the
 * input's), so a try-with-resources sub-manager per batch keeps native memory flat.
 */
public final class FloatGraphExecutor implements AutoCloseable {
    private final Graph graph;
    private final NDManager manager;
    private final DeviceParameters params;
    /** 0: populations compute {@code clamp(x + bias, 0, θ)}; T: the quantized view of {@link #quantizedAnn}. */
    private final int quantizedTimesteps;

    public FloatGraphExecutor(Graph graph, int threads) {
        this(graph, threads, 0);
    }

    private FloatGraphExecutor(Graph graph, int threads, int quantizedTimesteps) {
        DjlRuntime.engine(threads);
        this.graph = graph;
        this.manager = NDManager.newBaseManager();
        this.params = new DeviceParameters(graph, manager);
        this.quantizedTimesteps = quantizedTimesteps;
    }

    /**
     * The ANN an SNN graph converts, each population's activation quantized as a subtractive neuron
     * fires from a constant input in {@code timesteps} steps (see {@link QuantizedAnnOps}).
     */
    public static FloatGraphExecutor quantizedAnn(Graph snn, int timesteps, int threads) {
        if (timesteps < 1) {
            throw new IllegalArgumentException("time steps must be at least 1, got " + timesteps);
        }
        return new FloatGraphExecutor(snn, threads, timesteps);
    }

    public Graph graph() {
        return graph;
    }

    /** The manager that owns the weights; make per-batch sub-managers from it. */
    public NDManager manager() {
        return manager;
    }

    /** The graph output for a batch {@code [N, C, H, W]}; intermediates are freed as the run goes. */
    public NDArray forward(NDArray input) {
        return forwardKeeping(input, Set.of(graph.outputName())).get(graph.outputName());
    }

    /**
     * The values named in {@code keep} for a batch; every other intermediate is closed as soon as its
     * last consumer has run. A 224x224 MobileNetV1 holds about 40 MB of values per image when all are
     * kept (5 GB for a 128-image batch), half of that when only the ReLU outputs are.
     */
    public Map<String, NDArray> forwardKeeping(NDArray input, Set<String> keep) {
        Map<String, NDArray> values = run(input, null, keep);
        values.keySet().retainAll(keep);
        return values;
    }

    /** Every value of the graph for a batch, by name (the input included), in graph order. */
    public Map<String, NDArray> forwardAll(NDArray input) {
        return forwardUpTo(input, null);
    }

    /** Values of the graph up to and including node {@code stopAfter} (null: all). */
    public Map<String, NDArray> forwardUpTo(NDArray input, String stopAfter) {
        return run(input, stopAfter, null);
    }

    /**
     * Runs the nodes in order up to {@code stopAfter} (null: all). With {@code freeAllBut} set, each
     * value not in it is closed right after its last consumer; the input is the caller's and never
     * closed. Views of a closed value stay valid: libtorch counts references to the storage.
     */
    private Map<String, NDArray> run(NDArray input, String stopAfter, Set<String> freeAllBut) {
        Map<String, Integer> lastUse = freeAllBut == null ? null : lastUses();
        Map<String, NDArray> values = new LinkedHashMap<>();
        values.put(graph.inputName(), input);
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            List<NDArray> ins = new ArrayList<>(n.inputs().size());
            for (String in : n.inputs()) {
                ins.add(values.get(in));
            }
            OpExecutor op = quantizedTimesteps > 0 ? new QuantizedAnnOps(n.name(), ins, params, quantizedTimesteps)
                    : new OpExecutor(n.name(), ins, params);
            values.put(n.name(), n.op().accept(op));
            if (freeAllBut != null) {
                for (String in : new LinkedHashSet<>(n.inputs())) {
                    if (lastUse.get(in) == i && !freeAllBut.contains(in) && !in.equals(graph.inputName())) {
                        values.remove(in).close();
                    }
                }
            }
            if (n.name().equals(stopAfter)) {
                break;
            }
        }
        return values;
    }

    /** For each value, the index of the last node that reads it. */
    private Map<String, Integer> lastUses() {
        Map<String, Integer> lastUse = new HashMap<>();
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).inputs()) {
                lastUse.put(in, i);
            }
        }
        return lastUse;
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
