package dev.snnc.nir;

import dev.snnc.formats.CalibratedSnn;
import dev.snnc.ir.Graph;
import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.Node;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.op.Window2d;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The float SNN of a calibrated model as a NIR graph (HDF5, layout of NIR 1.0's
 * {@code nir.write}): Input (the preprocessed image, every step), Conv2d, Affine, IF, AvgPool2d,
 * Flatten, Scale and Output nodes, edges as name pairs. Mapping, and what NIR cannot say:
 * <ul>
 * <li>An IF node emits 0/1; snnc's population emits spike·θ, so every IF is followed by a Scale
 *     node of θ ({@value NirNames#TIMES_THRESHOLD}).</li>
 * <li>A population's per-step current (calibrated bias, plus θ/(2T) with the half-step shift) is
 *     added to the bias of the Conv2d/Affine feeding it (through an Add, to its first such input),
 *     as snnc's executor fuses it.</li>
 * <li>NIR's IF compares {@code v > v_threshold} and resets to {@code v_reset} (0); snnc's reference
 *     neuron compares {@code >=} and subtracts θ. Initial potentials have no NIR field. All of these
 *     are in each IF node's metadata ({@code snnc_reset}, {@code snnc_comparison},
 *     {@code snnc_initial_potential}, ...) with the original bias, and the graph's metadata says so;
 *     {@link NirReader} uses them to rebuild the exact network.</li>
 * <li>Add becomes a Scale of ones with two incoming edges (NIR sums a node's inputs).</li>
 * </ul>
 * Anything else (max pooling, asymmetric padding, ceil mode, rate-coded input) is a diagnostic
 * naming the node.
 */
public final class NirWriter {
    /** The NIR file format version written (the layout of the vendored NIR reference implementation). */
    public static final String NIR_VERSION = "1.0";

    private final CalibratedSnn snn;
    private final Graph g;
    private final Diagnostics problems = new Diagnostics();
    /** Per-step current to add to a Conv2d/Affine's NIR bias, by the feeding node's value name. */
    private final Map<String, float[]> fused = new HashMap<>();

    private NirWriter(CalibratedSnn snn) {
        this.snn = snn;
        this.g = snn.graph();
    }

    /** Writes {@code snn} to {@code file} (through a temporary file and a move, so never half-written). */
    public static void write(CalibratedSnn snn, Path file) {
        new NirWriter(snn).run(file);
    }

    private void run(Path file) {
        if (snn.encoding() != InputEncoding.ANALOG) {
            problems.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, dev.snnc.ir.Origin.SYNTHETIC, "NIR export: "
                    + "rate-coded input has no NIR node here; calibrate with --encoding analog"));
        }
        planFusedCurrents();
        problems.throwIfAny();
        for (Node n : g.nodes()) {
            check(n);
        }
        problems.throwIfAny();
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".partial");
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                f.putDataset("version", NIR_VERSION);
                WritableGroup root = f.putGroup("node");
                root.putDataset("type", "NIRGraph");
                WritableGroup nodes = root.putGroup("nodes");
                List<String[]> edges = new ArrayList<>();
                WritableGroup in = nodes.putGroup(NirNames.INPUT);
                in.putDataset("type", "Input");
                in.putDataset("shape", longs(g.inputShape().dims()));
                for (Node n : g.nodes()) {
                    node(nodes, n, edges);
                }
                WritableGroup out = nodes.putGroup(NirNames.OUTPUT);
                out.putDataset("type", "Output");
                out.putDataset("shape", longs(g.outputShape().dims()));
                edges.add(new String[] {producer(g.outputName()), NirNames.OUTPUT});
                root.putDataset("edges", edges.toArray(String[][]::new));
                graphMetadata(root.putGroup("metadata"));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
            if (e instanceof dev.snnc.ir.diag.SnncException s) {
                throw s;
            }
            throw new dev.snnc.ir.diag.SnncException(Diagnostic.of(DiagnosticCode.OUTPUT_FILE, dev.snnc.ir.Origin.SYNTHETIC,
                    "cannot write " + file + ": " + e.getMessage()));
        }
    }

    /** Where each population's per-step current goes: the Conv2d/Affine that feeds it (through an Add, its first). */
    private void planFusedCurrents() {
        for (Node n : g.nodes()) {
            if (!(n.op() instanceof IfNeuron f)) {
                continue;
            }
            float[] current = new float[f.bias().size()];
            for (int c = 0; c < current.length; c++) {
                current[c] = f.bias().get(c) + (f.model().halfStepShift() ? f.threshold(c) / (2f * snn.timesteps()) : 0f);
            }
            String feeder = fusionTarget(n.input(0));
            if (feeder == null) {
                problems.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, n.origin(), "NIR export: population "
                        + n.name() + " is fed by " + g.node(n.input(0)).map(x -> x.op().kind()).orElse("the input")
                        + ", which has no bias to carry its per-step current (NIR's IF has none)"));
                continue;
            }
            fused.merge(feeder, current, (a, b) -> {
                problems.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, n.origin(), "NIR export: layer " + feeder
                        + " would carry the currents of two populations"));
                return a;
            });
        }
    }

    private String fusionTarget(String value) {
        Node feeder = g.node(value).orElse(null);
        if (feeder == null || g.consumers(value).size() != 1) {
            return null;
        }
        if (feeder.op() instanceof Conv2d || feeder.op() instanceof Linear) {
            return feeder.name();
        }
        if (feeder.op() instanceof Add) {
            for (String in : feeder.inputs()) {
                String t = fusionTarget(in);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private void check(Node n) {
        String why;
        if (n.op() instanceof Conv2d c) {
            why = symmetric(c.window());
        } else if (n.op() instanceof AvgPool2d p) {
            why = symmetric(p.window());
        } else if (n.op() instanceof Linear || n.op() instanceof IfNeuron || n.op() instanceof Flatten
                || n.op() instanceof GlobalAvgPool || n.op() instanceof Add) {
            why = null;
        } else {
            why = n.op().kind() + " has no NIR node that snnc writes";
        }
        if (why != null) {
            problems.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, n.origin(), "NIR export: " + n.name() + ": " + why));
        }
    }

    private static String symmetric(Window2d w) {
        var p = w.padding();
        if (p.top() != p.bottom() || p.left() != p.right() || w.ceilMode()) {
            return "NIR pads symmetrically without ceil mode; window " + w.describe() + " is not";
        }
        return null;
    }

    private void node(WritableGroup nodes, Node n, List<String[]> edges) {
        String name = NirNames.of(n.name());
        WritableGroup grp = nodes.putGroup(name);
        WritableGroup meta = grp.putGroup("metadata");
        meta.putDataset("snnc_name", n.name());
        meta.putDataset("snnc_op", n.op().kind());
        meta.putDataset("snnc_index", (long) g.nodes().indexOf(n));
        meta.putDataset("snnc_origin_name", n.origin().sourceName());
        meta.putDataset("snnc_origin_op", n.origin().sourceOp());
        Shape out = g.shapeOf(n.name());
        if (n.op() instanceof Conv2d c) {
            Window2d w = c.window();
            grp.putDataset("type", "Conv2d");
            grp.putDataset("weight", nest(ungrouped(c)));
            grp.putDataset("bias", biasWithCurrent(n.name(), c.bias(), meta));
            grp.putDataset("stride", new long[] {w.strideH(), w.strideW()});
            grp.putDataset("padding", new long[] {w.padding().top(), w.padding().left()});
            grp.putDataset("dilation", new long[] {w.dilationH(), w.dilationW()});
            // NIR's reference Conv2d takes its input channels from the weight (C_in/groups) and then fails
            // its own type check for grouped convs: grouped weights are written block-diagonal with groups 1
            grp.putDataset("groups", 1L);
            meta.putDataset("snnc_groups", (long) c.groups());
            Shape in = g.shapeOf(n.input(0));
            grp.putDataset("input_shape", new long[] {in.dim(1), in.dim(2)});
        } else if (n.op() instanceof Linear l) {
            grp.putDataset("type", "Affine");
            grp.putDataset("weight", nest(l.weight()));
            grp.putDataset("bias", biasWithCurrent(n.name(), l.bias(), meta));
        } else if (n.op() instanceof IfNeuron f) {
            ifNode(nodes, grp, meta, n, f, out, edges);
        } else if (n.op() instanceof AvgPool2d p) {
            Window2d w = p.window();
            grp.putDataset("type", "AvgPool2d");
            grp.putDataset("kernel_size", new long[] {w.kernelH(), w.kernelW()});
            grp.putDataset("stride", new long[] {w.strideH(), w.strideW()});
            grp.putDataset("padding", new long[] {w.padding().top(), w.padding().left()});
            meta.putDataset("snnc_count_include_pad", p.countIncludePad() ? 1L : 0L);
        } else if (n.op() instanceof GlobalAvgPool) {
            Shape in = g.shapeOf(n.input(0));
            grp.putDataset("type", "AvgPool2d");
            grp.putDataset("kernel_size", new long[] {in.dim(1), in.dim(2)});
            grp.putDataset("stride", new long[] {in.dim(1), in.dim(2)});
            grp.putDataset("padding", new long[] {0, 0});
        } else if (n.op() instanceof Flatten) {
            grp.putDataset("type", "Flatten");
            grp.putDataset("start_dim", 0L);
            grp.putDataset("end_dim", -1L);
            grp.putDataset("input_type", longs(g.shapeOf(n.input(0)).dims()));
        } else if (n.op() instanceof Add) {
            grp.putDataset("type", "Scale");
            grp.putDataset("scale", nest(filled(out, 1f)));
        } else {
            throw new IllegalStateException("checked above: " + n.op().kind());
        }
        for (String in : n.inputs()) {
            edges.add(new String[] {producer(in), name});
        }
    }

    /** IF (0/1 spikes) followed by a Scale of θ, so the graph carries spike·θ as snnc's populations do. */
    private void ifNode(WritableGroup nodes, WritableGroup grp, WritableGroup meta, Node n, IfNeuron f, Shape out,
                        List<String[]> edges) {
        float[] theta = new float[(int) out.size()];
        int plane = (int) (out.size() / out.dim(0));
        for (int i = 0; i < theta.length; i++) {
            theta[i] = f.threshold(i / plane);
        }
        Tensor thresholds = Tensor.of(theta, out.dims());
        float[] level = theta.clone();
        for (int i = 0; i < level.length; i++) {
            level[i] *= f.fireRatio(i / plane);
        }
        grp.putDataset("type", "IF");
        grp.putDataset("r", nest(filled(out, 1f)));
        grp.putDataset("v_threshold", nest(Tensor.of(level, out.dims()))); // fires at ρ·θ; the Scale after it emits θ
        grp.putDataset("v_reset", nest(filled(out, 0f)));
        NeuronModel m = f.model();
        meta.putDataset("snnc_threshold", f.threshold().toArray());
        meta.putDataset("snnc_fire_ratio", f.fireRatio().toArray());
        meta.putDataset("snnc_bias", f.bias().toArray());
        meta.putDataset("snnc_initial_potential", nest(f.initialPotential()));
        meta.putDataset("snnc_reset", m.reset().name().toLowerCase(Locale.ROOT));
        meta.putDataset("snnc_comparison", m.comparison() == NeuronModel.Comparison.GREATER_EQUAL ? ">=" : ">");
        meta.putDataset("snnc_half_step_shift", m.halfStepShift() ? 1L : 0L);
        WritableGroup scale = nodes.putGroup(NirNames.of(n.name()) + NirNames.TIMES_THRESHOLD);
        scale.putDataset("type", "Scale");
        scale.putDataset("scale", nest(thresholds));
        edges.add(new String[] {NirNames.of(n.name()), NirNames.of(n.name()) + NirNames.TIMES_THRESHOLD});
    }

    private float[] biasWithCurrent(String node, Tensor bias, WritableGroup meta) {
        float[] b = bias.toArray();
        float[] current = fused.get(node);
        if (current != null) {
            meta.putDataset("snnc_bias", b.clone());
            for (int c = 0; c < b.length; c++) {
                b[c] += current[c];
            }
        }
        return b;
    }

    /** A grouped conv's weights as the equivalent dense [O, C_in, kH, kW] (zeros outside each group's block). */
    static Tensor ungrouped(Conv2d c) {
        if (c.groups() == 1) {
            return c.weight();
        }
        int[] s = c.weight().shape();
        int o = s[0];
        int perGroup = s[1];
        int cin = perGroup * c.groups();
        int taps = s[2] * s[3];
        float[] w = c.weight().toArray();
        float[] dense = new float[o * cin * taps];
        int outPerGroup = o / c.groups();
        for (int oc = 0; oc < o; oc++) {
            int first = (oc / outPerGroup) * perGroup;
            for (int i = 0; i < perGroup; i++) {
                System.arraycopy(w, (oc * perGroup + i) * taps, dense, (oc * cin + first + i) * taps, taps);
            }
        }
        return Tensor.of(dense, o, cin, s[2], s[3]);
    }

    /** The NIR node whose output is snnc value {@code v}. */
    private String producer(String v) {
        if (v.equals(g.inputName())) {
            return NirNames.INPUT;
        }
        boolean population = g.node(v).map(x -> x.op() instanceof IfNeuron).orElse(false);
        return NirNames.of(v) + (population ? NirNames.TIMES_THRESHOLD : "");
    }

    private void graphMetadata(WritableGroup meta) {
        meta.putDataset("snnc_format", "snnc-nir");
        meta.putDataset("snnc_version", 1L);
        meta.putDataset("snnc_name", g.name());
        meta.putDataset("snnc_timesteps", (long) snn.timesteps());
        meta.putDataset("snnc_input", "the preprocessed image, (pixel byte * scale - mean) / std, as a constant input "
                + "every step; the prediction is the arg-max of the output summed over the timesteps");
        meta.putDataset("snnc_preprocessing", g.preprocessing().map(p -> p.format()).orElse(""));
        meta.putDataset("snnc_neuron", neuronNote());
        WritableGroup prov = meta.putGroup("snnc_provenance");
        new java.util.TreeMap<>(snn.provenance()).forEach((k, v) -> prov.putDataset(k.replaceAll("[^A-Za-z0-9_.-]", "_"), v));
    }

    /** What the graph's IF nodes assume, in words: the calibrated reset rule, and what a literal NIR reader runs. */
    private String neuronNote() {
        boolean zero = g.nodes().stream().anyMatch(n -> n.op() instanceof IfNeuron f && f.model().reset() == NeuronModel.Reset.ZERO);
        if (zero) {
            return "IF nodes: calibrated for reset to zero, which is what NIR's IF runs (v_reset 0); each node fires at "
                    + "v_threshold = fire ratio x threshold (snnc_fire_ratio, snnc_threshold) and the Scale node after it "
                    + "emits the threshold; snnc_comparison gives the comparison snnc used; initial potentials "
                    + "(snnc_initial_potential) have no NIR field";
        }
        return "IF nodes: snnc's populations compare v >= threshold and reset by subtracting the threshold (see each node's "
                + "snnc_reset and snnc_comparison); NIR's IF compares v > threshold and resets to v_reset, so readers that "
                + "follow NIR's IF literally run the reset-to-zero variant; initial potentials (snnc_initial_potential) have "
                + "no NIR field";
    }

    static long[] longs(int[] dims) {
        long[] l = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
            l[i] = dims[i];
        }
        return l;
    }

    private static Tensor filled(Shape s, float v) {
        float[] a = new float[(int) s.size()];
        java.util.Arrays.fill(a, v);
        return Tensor.of(a, s.dims());
    }

    /** A tensor as the nested Java array jhdf writes with its shape. */
    static Object nest(Tensor t) {
        int[] shape = t.shape();
        float[] flat = t.toArray();
        if (shape.length == 1) {
            return flat;
        }
        Object out = java.lang.reflect.Array.newInstance(float.class, shape);
        int inner = shape[shape.length - 1];
        int rows = flat.length / inner;
        int[] index = new int[shape.length - 1];
        for (int r = 0; r < rows; r++) {
            int rem = r;
            for (int d = shape.length - 2; d >= 0; d--) {
                index[d] = rem % shape[d];
                rem /= shape[d];
            }
            Object row = out;
            for (int d = 0; d < index.length; d++) {
                row = java.lang.reflect.Array.get(row, index[d]);
            }
            System.arraycopy(flat, r * inner, row, 0, inner);
        }
        return out;
    }
}
