package dev.snnc.calibration.convert;

import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Node;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.Clip;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.MaxPool2d;
import dev.snnc.ir.op.Op;
import dev.snnc.ir.op.Relu;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Phase copies (ADR 0029): every activation channel becomes {@code k} adjacent channels that each
 * carry 1/k of it, so that after conversion each channel is k neurons whose spikes are 1/k as large,
 * started at staggered potentials so that they fire at different steps. A neuron that resets to
 * zero loses the charge its potential overshoots the firing level by, and that overshoot scales with
 * the size of one step's input; k copies make each arriving spike k times smaller, at the price of k
 * times the neurons and up to k² times the synapses. The ANN computes the same function before and
 * after {@link #expand}: the layer feeding an activation has its output rows repeated and divided by
 * k, every layer reading it has its input columns repeated. The expanded graph is an ordinary graph:
 * calibration, quantization, the simulator and every backend see more channels, nothing new.
 */
public final class PhaseCopies {
    /** Graph metadata key recording k (absent when k is 1). */
    public static final String METADATA_KEY = "phase_copies";
    /** The largest k accepted: beyond it the synapse count (k²) outgrows any gain measured. */
    public static final int MAX_COPIES = 8;

    private PhaseCopies() {
    }

    /** Refuses a k outside 1..{@link #MAX_COPIES} (callers check it before loading data; {@link #expand} again). */
    public static void requireValid(int k) {
        if (k < 1 || k > MAX_COPIES) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, dev.snnc.ir.Origin.SYNTHETIC,
                    "--phase-copies " + k + " is out of range 1.." + MAX_COPIES));
        }
    }

    /** {@code ann} with every ReLU (or ReLU-like clip) channel split into {@code k} copies; {@code ann} itself when k is 1. */
    public static Graph expand(Graph ann, int k) {
        requireValid(k);
        if (k == 1) {
            return ann;
        }
        Map<String, Op> ops = new LinkedHashMap<>();
        ann.nodes().forEach(n -> ops.put(n.name(), n.op()));
        for (Node n : ann.nodes()) {
            if (n.op() instanceof Relu || n.op() instanceof Clip c && c.isReluLike()) {
                Node feeder = ann.node(n.input(0)).orElseThrow(() -> refuse(n, "it reads the graph input directly"));
                if (ann.consumers(feeder.name()).size() != 1) {
                    throw refuse(n, "its input '" + feeder.name() + "' is also read elsewhere");
                }
                ops.put(feeder.name(), repeatOutputs(n, feeder, ops.get(feeder.name()), k));
                if (n.op() instanceof Clip c) {
                    ops.put(n.name(), new Clip(0f, c.max() / k));
                }
                repeatReaders(ann, n, ops, k);
            }
        }
        GraphBuilder b = Graph.builder(ann.name(), ann.inputName(), ann.inputShape());
        ann.nodes().forEach(n -> b.add(new Node(n.name(), ops.get(n.name()), n.inputs(), n.origin())));
        b.output(ann.outputName());
        ann.preprocessing().ifPresent(b::preprocessing);
        ann.metadata().forEach(b::metadata);
        b.metadata(METADATA_KEY, Integer.toString(k));
        return b.build();
    }

    /** The k of a graph made by {@link #expand} (1 for any other graph). */
    public static int of(Graph g) {
        String k = g.metadata().get(METADATA_KEY);
        return k == null ? 1 : Integer.parseInt(k);
    }

    /**
     * Staggers the initial potential of the k copies of each channel by θ/k steps around the
     * calibrated one (copy j gets {@code (j − (k−1)/2)/k · θ}), so that copies receiving the same input
     * fire at different steps; without it they would fire together and act as one neuron.
     */
    public static Graph stagger(Graph snn) {
        int k = of(snn);
        Graph out = snn;
        if (k == 1) {
            return out;
        }
        for (Node n : snn.nodes()) {
            if (n.op() instanceof IfNeuron f) {
                Shape shape = snn.shapeOf(n.name());
                int channels = shape.dim(0);
                int perChannel = Math.toIntExact(shape.size() / channels);
                float[] v = f.initialPotential().toArray();
                for (int ch = 0; ch < channels; ch++) {
                    float offset = ((ch % k) - (k - 1) / 2f) / k * f.threshold(ch);
                    for (int i = ch * perChannel; i < (ch + 1) * perChannel; i++) {
                        v[i] += offset;
                    }
                }
                out = out.withOp(n.name(), f.withInitialPotential(Tensor.of(v, f.initialPotential().shape())));
            }
        }
        return out;
    }

    /** Follows the activation through pooling and flattening to the conv/linear layers that read it. */
    private static void repeatReaders(Graph ann, Node activation, Map<String, Op> ops, int k) {
        Deque<String> values = new ArrayDeque<>();
        Map<String, Integer> block = new LinkedHashMap<>();
        values.add(activation.name());
        block.put(activation.name(), 1);
        while (!values.isEmpty()) {
            String value = values.poll();
            if (value.equals(ann.outputName())) {
                throw refuse(activation, "'" + value + "' is the network output");
            }
            for (Node reader : ann.consumers(value)) {
                Op op = ops.get(reader.name());
                if (op instanceof Conv2d || op instanceof Linear) {
                    ops.put(reader.name(), repeatInputs(op, k, block.get(value)));
                } else if (op instanceof AvgPool2d || op instanceof GlobalAvgPool || op instanceof MaxPool2d) {
                    block.put(reader.name(), 1);
                    values.add(reader.name());
                } else if (op instanceof Flatten) {
                    Shape in = ann.shapeOf(value);
                    block.put(reader.name(), Math.toIntExact(in.size() / in.dim(0)));
                    values.add(reader.name());
                } else {
                    throw refuse(activation, reader.op().kind() + " '" + reader.name() + "' reads it");
                }
            }
        }
    }

    private static SnncException refuse(Node activation, String why) {
        return new SnncException(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, activation.origin(),
                "phase copies cannot split activation '" + activation.name() + "': " + why
                        + " (supported: a conv or linear layer feeding it alone, read through pooling and flatten "
                        + "by conv or linear layers)").withHint("drop --phase-copies for this model"));
    }

    /** Output channel o becomes channels o·k .. o·k+k−1, each with 1/k of the weights and bias. */
    private static Op repeatOutputs(Node activation, Node feeder, Op op, int k) {
        if (op instanceof Conv2d c) {
            return new Conv2d(repeat(c.weight(), 0, k, 1, 1f / k), repeat(c.bias(), 0, k, 1, 1f / k), c.window(), c.groups());
        }
        if (op instanceof Linear l) {
            return new Linear(repeat(l.weight(), 0, k, 1, 1f / k), repeat(l.bias(), 0, k, 1, 1f / k));
        }
        throw refuse(activation, feeder.op().kind() + " '" + feeder.name() + "' feeds it");
    }

    /**
     * Input channel i becomes i·k .. i·k+k−1 with the same weight (the copies' sum is the activation).
     * A linear layer after a flatten reads {@code block} consecutive features per channel.
     */
    private static Op repeatInputs(Op op, int k, int block) {
        if (op instanceof Conv2d c) {
            // grouped and depthwise: a group's input channels stay contiguous, k times as many
            return new Conv2d(repeat(c.weight(), 1, k, 1, 1f), c.bias(), c.window(), c.groups());
        }
        Linear l = (Linear) op;
        return new Linear(repeat(l.weight(), 1, k, block, 1f), l.bias());
    }

    /**
     * Along {@code axis}, repeats each run of {@code block} entries k times in a row, times {@code scale}:
     * with block 1, entry i becomes entries i·k .. i·k+k−1.
     */
    static Tensor repeat(Tensor t, int axis, int k, int block, float scale) {
        int[] shape = t.shape();
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= shape[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < shape.length; d++) {
            inner *= shape[d];
        }
        int along = shape[axis];
        if (along % block != 0) {
            throw new IllegalArgumentException(along + " entries do not split into blocks of " + block);
        }
        float[] src = t.toArray();
        float[] dst = new float[src.length * k];
        int runs = along / block;
        int at = 0;
        for (int o = 0; o < outer; o++) {
            for (int r = 0; r < runs; r++) {
                int from = (o * along + r * block) * inner;
                for (int j = 0; j < k; j++) {
                    for (int i = 0; i < block * inner; i++) {
                        dst[at++] = src[from + i] * scale;
                    }
                }
            }
        }
        int[] out = shape.clone();
        out[axis] = along * k;
        return Tensor.of(dst, out);
    }
}
