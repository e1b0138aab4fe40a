package dev.snnc.calibration.djl;

import dev.snnc.ir.InputEncoding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.MaxPool2d;
import dev.snnc.ir.op.NeuronModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an SNN graph (ReLUs replaced by {@link IfNeuron}) for T time steps on DJL, batched over
 * images. Membrane potentials and accumulators live in the batch's manager and are updated in
 * place; each step's intermediates live in a per-step sub-manager, so native memory does not grow
 * with T. Returns, for each requested value, the sum over the T steps of its per-step value.
 */
public final class FloatSnnExecutor implements AutoCloseable {
    /** Sums over T of the requested values, plus total spike counts per population. */
    public record Run(Map<String, NDArray> sums, Map<String, NDArray> spikeCounts) {
    }

    private final Graph graph;
    private final NDManager manager;
    private final DeviceParameters params;

    public FloatSnnExecutor(Graph snn, int threads) {
        DjlRuntime.engine(threads);
        this.graph = snn;
        this.manager = NDManager.newBaseManager();
        this.params = new DeviceParameters(snn, manager);
    }

    public Graph graph() {
        return graph;
    }

    public NDManager manager() {
        return manager;
    }

    /**
     * @param input     preprocessed batch {@code [N, C, H, W]}; results belong to its manager
     * @param stopAfter last node to compute (null: the whole graph)
     * @param record    values whose sums over T are returned (the graph output is always included
     *                  when the whole graph runs)
     */
    public Run run(NDArray input, int timesteps, InputEncoding encoding, Preprocessing pre, String stopAfter,
                   Set<String> record) {
        return run(input, timesteps, encoding, pre, stopAfter, record, false);
    }

    /** As above; with {@code countSpikes} the result also holds each population's total spike count. */
    public Run run(NDArray input, int timesteps, InputEncoding encoding, Preprocessing pre, String stopAfter,
                   Set<String> record, boolean countSpikes) {
        Set<String> sums = new HashSet<>(record);
        if (stopAfter == null) {
            sums.add(graph.outputName());
        }
        return runNodes(input, timesteps, encoding, pre, prefix(stopAfter), Map.of(), sums, Map.of(), countSpikes);
    }

    /**
     * Runs {@code nodes} (in graph order) for T steps. Inputs they read that are neither computed
     * by them nor the graph input come from {@code external}. Returns the sums over T of the
     * {@code record}ed values (nodes or externals); for each name in {@code capture} the per-step
     * values are appended to its list (arrays owned by the input's manager; populations as
     * boolean spikes, others as floats).
     */
    public Run runNodes(NDArray input, int timesteps, InputEncoding encoding, Preprocessing pre, List<Node> nodes,
                        Map<String, StepValues> external, Set<String> record, Map<String, List<NDArray>> capture,
                        boolean countSpikes) {
        NDManager batch = input.getManager();
        RunParameters runParams = new RunParameters(graph, params, timesteps, batch);
        Map<String, NDArray> membranes = new LinkedHashMap<>();
        Map<String, NDArray> sums = new LinkedHashMap<>();
        Map<String, NDArray> spikes = new LinkedHashMap<>();
        Map<String, SpikingMaxPool> maxPools = new LinkedHashMap<>();
        long n = input.getShape().get(0);
        for (Node node : nodes) {
            if (node.op() instanceof MaxPool2d m) {
                maxPools.put(node.name(), new SpikingMaxPool(node.name(), m, runParams));
            }
            if (node.op() instanceof IfNeuron f) {
                NDArray pot = DeviceParameters.toNd(f.initialPotential(), batch);
                membranes.put(node.name(), pot.expandDims(0).repeat(0, n));
                if (countSpikes) {
                    spikes.put(node.name(), batch.zeros(new Shape()));
                }
            }
        }
        RateEncoder encoder = encoding == InputEncoding.RATE ? new RateEncoder(input, pre) : null;
        List<NDArray> longLived = new ArrayList<>(membranes.values());
        longLived.addAll(runParams.arrays());
        longLived.addAll(spikes.values());
        longLived.add(input);
        external.values().forEach(e -> longLived.addAll(e.arrays()));
        if (encoder != null) {
            longLived.add(encoder.accumulator);
        }
        for (int t = 0; t < timesteps; t++) {
            try (NDManager step = batch.newSubManager()) {
                step.tempAttachAll(longLived.toArray(new NDArray[0]));
                maxPools.values().forEach(m -> m.attachTo(step));
                sums.values().forEach(step::tempAttachAll);
                Map<String, NDArray> values = new HashMap<>();
                values.put(graph.inputName(), encoder == null ? input : encoder.step());
                for (Map.Entry<String, StepValues> e : external.entrySet()) {
                    values.put(e.getKey(), e.getValue().at(t));
                    accumulate(sums, record, e.getKey(), values.get(e.getKey()), batch);
                }
                for (Node node : nodes) {
                    List<NDArray> ins = new ArrayList<>(node.inputs().size());
                    for (String i : node.inputs()) {
                        ins.add(values.get(i));
                    }
                    SpikingMaxPool maxPool = maxPools.get(node.name());
                    NDArray out = node.op() instanceof IfNeuron f
                            ? fire(node.name(), f, ins.get(0), membranes.get(node.name()), spikes.get(node.name()), runParams)
                            : maxPool != null ? maxPool.step(ins.get(0), batch)
                            : node.op().accept(new OpExecutor(node.name(), ins, runParams));
                    values.put(node.name(), out);
                    accumulate(sums, record, node.name(), out, batch);
                    List<NDArray> captured = capture.get(node.name());
                    if (captured != null) {
                        NDArray kept = node.op() instanceof IfNeuron ? out.gt(0f) : out.duplicate();
                        kept.attach(batch);
                        captured.add(kept);
                    }
                }
            }
        }
        membranes.values().forEach(NDArray::close);
        maxPools.values().forEach(SpikingMaxPool::close);
        return new Run(sums, spikes);
    }

    private static void accumulate(Map<String, NDArray> sums, Set<String> record, String name, NDArray value,
                                   NDManager owner) {
        if (!record.contains(name)) {
            return;
        }
        NDArray acc = sums.get(name);
        if (acc == null) {
            NDArray first = value.toType(DataType.FLOAT32, true);
            first.attach(owner);
            sums.put(name, first);
        } else {
            acc.addi(value);
        }
    }

    /**
     * One integrate-and-fire step of a population; updates {@code mem} (and {@code spikeCount} if
     * counting) in place. The per-step current (bias + shift) was folded into the feeding layer's
     * bias where possible, else it is added here.
     */
    private static NDArray fire(String name, IfNeuron f, NDArray x, NDArray mem, NDArray spikeCount, RunParameters p) {
        mem.addi(x);
        NDArray current = p.unfusedCurrent(name);
        if (current != null) {
            mem.addi(current);
        }
        NDArray theta = p.threshold(name);
        NDArray level = p.fireLevel(name);
        NDArray fired = (f.model().comparison() == NeuronModel.Comparison.GREATER_EQUAL ? mem.gte(level) : mem.gt(level))
                .toType(DataType.FLOAT32, false);
        NDArray out = fired.mul(theta);
        if (f.model().reset() == NeuronModel.Reset.SUBTRACT) {
            mem.subi(out);
        } else {
            mem.muli(fired.neg().add(1f));
        }
        if (spikeCount != null) {
            spikeCount.addi(fired.sum());
        }
        return out;
    }

    private List<Node> prefix(String stopAfter) {
        if (stopAfter == null) {
            return graph.nodes();
        }
        List<Node> out = new ArrayList<>();
        for (Node n : graph.nodes()) {
            out.add(n);
            if (n.name().equals(stopAfter)) {
                return out;
            }
        }
        throw new IllegalArgumentException("no node " + stopAfter);
    }

    /** Deterministic per-pixel IF encoder (see {@link InputEncoding#RATE}). */
    private static final class RateEncoder {
        final NDArray intensity;
        final NDArray accumulator;
        final Preprocessing pre;

        RateEncoder(NDArray input, Preprocessing pre) {
            this.pre = pre;
            NDArray[] unnormalised = perChannel(input, pre, true);
            this.intensity = unnormalised[0].clip(0f, 1f);
            this.accumulator = intensity.zerosLike().add(0.5f);
        }

        NDArray step() {
            accumulator.addi(intensity);
            NDArray spike = accumulator.gte(1f).toType(DataType.FLOAT32, false);
            accumulator.subi(spike);
            return perChannel(spike, pre, false)[0];
        }

        /** x·std + mean (to intensities) or (s − mean)/std (to model input), per channel. */
        private static NDArray[] perChannel(NDArray a, Preprocessing pre, boolean toIntensity) {
            int c = pre.mean().size();
            float[] mean = new float[c];
            float[] std = new float[c];
            for (int i = 0; i < c; i++) {
                mean[i] = pre.mean().get(i).floatValue();
                std[i] = pre.std().get(i).floatValue();
            }
            Shape cs = DeviceParameters.channelShape(a.getShape(), c);
            NDArray m = a.getManager().create(mean).reshape(cs);
            NDArray sd = a.getManager().create(std).reshape(cs);
            return new NDArray[] {toIntensity ? a.mul(sd).add(m) : a.sub(m).div(sd)};
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
