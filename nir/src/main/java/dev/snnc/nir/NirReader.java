package dev.snnc.nir;

import static dev.snnc.nir.NirDatasets.ints;
import static dev.snnc.nir.NirDatasets.longs;
import static dev.snnc.nir.NirDatasets.number;
import static dev.snnc.nir.NirDatasets.string;
import static dev.snnc.nir.NirDatasets.tensor;

import dev.snnc.formats.ArtifactFiles;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.op.Op;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a NIR graph written by {@link NirWriter} back into snnc's float IR: the exact calibrated
 * network, from the NIR fields plus each node's {@code snnc_*} metadata (original biases,
 * thresholds, initial potentials, reset rule). Node kinds: Input, Conv2d, Affine, IF followed by a
 * Scale of θ, Scale of ones (a sum), AvgPool2d, Flatten, Output. The file is untrusted: any other
 * structure is an SNNC-E109 diagnostic naming the node.
 */
public final class NirReader {
    private final Path file;
    private final Group nodes;
    private final Map<String, List<String>> inputsOf = new HashMap<>();
    private final Map<String, List<String>> consumersOf = new HashMap<>();

    private NirReader(Path file, Group nodes, String[][] edges) {
        this.file = file;
        this.nodes = nodes;
        for (String[] e : edges) {
            if (e.length != 2 || nodes.getChild(e[0]) == null || nodes.getChild(e[1]) == null) {
                throw problem("an edge " + java.util.Arrays.toString(e) + " does not join two nodes");
            }
            inputsOf.computeIfAbsent(e[1], k -> new ArrayList<>()).add(e[0]);
            consumersOf.computeIfAbsent(e[0], k -> new ArrayList<>()).add(e[1]);
        }
    }

    /** True when {@code file} starts with the HDF5 signature (cheap sniffing for the CLI). */
    public static boolean looksLikeNir(Path file) {
        if (!ArtifactFiles.isRegularFile(file, true)) {
            return false;
        }
        try (var in = java.nio.file.Files.newInputStream(file)) {
            byte[] head = in.readNBytes(8);
            return head.length == 8 && head[0] == (byte) 0x89 && head[1] == 'H' && head[2] == 'D' && head[3] == 'F';
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public static CalibratedSnn read(Path file) {
        byte[] bytes = ArtifactFiles.read(file, true, what -> problem(file, what)); // a regular file, bounded in size
        try (HdfFile h = HdfFile.fromBytes(bytes)) {
            Group root = (Group) h.getChild("node");
            if (root == null || !"NIRGraph".equals(string(root, "type"))) {
                throw problem(file, "has no NIR graph under /node");
            }
            Group meta = (Group) root.getChild("metadata");
            if (meta == null || !"snnc-nir".equals(string(meta, "snnc_format"))) {
                throw problem(file, "is a NIR graph snnc did not write (no snnc metadata); snnc reads back its own exports");
            }
            String[][] edges = (String[][]) ((Dataset) root.getChild("edges")).getData();
            return new NirReader(file, (Group) root.getChild("nodes"), edges).build(meta);
        } catch (SnncException e) {
            throw e.locatedIn("NIR file " + file);
        } catch (RuntimeException e) {
            throw problem(file, "is malformed: " + e.getMessage());
        }
    }

    private CalibratedSnn build(Group meta) {
        Group input = group(NirNames.INPUT);
        Shape inShape = Shape.of(ints(input, "shape"));
        GraphBuilder b = Graph.builder(string(meta, "snnc_name"), "input", inShape);
        Map<String, String> valueOf = new HashMap<>();
        valueOf.put(NirNames.INPUT, "input");
        for (String name : inOriginalOrder()) {
            if (name.equals(NirNames.INPUT) || name.equals(NirNames.OUTPUT) || name.endsWith(NirNames.TIMES_THRESHOLD)) {
                continue;
            }
            Group n = group(name);
            Group m = (Group) n.getChild("metadata");
            String value = string(m, "snnc_name");
            Origin origin = new Origin(string(m, "snnc_origin_name"), string(m, "snnc_origin_op"));
            List<String> ins = new ArrayList<>();
            for (String p : inputsOf.getOrDefault(name, List.of())) {
                String v = valueOf.get(p.endsWith(NirNames.TIMES_THRESHOLD) ? p.substring(0, p.length()
                        - NirNames.TIMES_THRESHOLD.length()) : p);
                if (v == null) {
                    throw problem("node " + name + " reads " + p + ", which is not an earlier node");
                }
                ins.add(v);
            }
            b.add(value, op(name, n, m, ins.size()), origin, ins.toArray(String[]::new));
            valueOf.put(name, value);
        }
        List<String> last = inputsOf.getOrDefault(NirNames.OUTPUT, List.of());
        if (last.size() != 1) {
            throw problem("the Output node has " + last.size() + " inputs; snnc reads one");
        }
        b.output(valueOf.get(last.get(0)));
        String pre = string(meta, "snnc_preprocessing");
        if (!pre.isEmpty()) {
            b.preprocessing(Preprocessing.parse(pre));
        }
        Map<String, String> provenance = new TreeMap<>();
        Group prov = (Group) meta.getChild("snnc_provenance");
        if (prov != null) {
            prov.getChildren().forEach((k, v) -> provenance.put(k, String.valueOf(((Dataset) v).getData())));
        }
        int timesteps = (int) number(meta, "snnc_timesteps");
        if (timesteps < 1 || timesteps > dev.snnc.ir.fx.FxLimits.MAX_TIMESTEPS) {
            throw problem("asks for " + timesteps + " timesteps; the limit is 1.." + dev.snnc.ir.fx.FxLimits.MAX_TIMESTEPS);
        }
        return new CalibratedSnn(b.build(), timesteps, InputEncoding.ANALOG, provenance);
    }

    private Op op(String name, Group n, Group m, int inputs) {
        String type = string(n, "type");
        String snncOp = string(m, "snnc_op");
        switch (type) {
            case "Conv2d": {
                long[] stride = longs(n, "stride");
                long[] pad = longs(n, "padding");
                long[] dil = longs(n, "dilation");
                int groups = (int) number(m, "snnc_groups");
                Tensor w = grouped(tensor(n, "weight"), groups);
                Window2d win = new Window2d(w.dim(2), w.dim(3), (int) stride[0], (int) stride[1], (int) dil[0], (int) dil[1],
                        new Padding((int) pad[0], (int) pad[1], (int) pad[0], (int) pad[1]), false);
                return new Conv2d(w, originalBias(n, m), win, groups);
            }
            case "Affine":
                return new Linear(tensor(n, "weight"), originalBias(n, m));
            case "IF":
                return population(m);
            case "AvgPool2d": {
                if (snncOp.equals("GlobalAvgPool")) {
                    return new GlobalAvgPool();
                }
                long[] k = longs(n, "kernel_size");
                long[] s = longs(n, "stride");
                long[] p = longs(n, "padding");
                return new AvgPool2d(new Window2d((int) k[0], (int) k[1], (int) s[0], (int) s[1], 1, 1,
                        new Padding((int) p[0], (int) p[1], (int) p[0], (int) p[1]), false),
                        number(m, "snnc_count_include_pad") != 0);
            }
            case "Flatten":
                return new Flatten();
            case "Scale":
                if (inputs != 2) {
                    throw problem("node " + name + ": a Scale that sums has two inputs, this one " + inputs);
                }
                return new Add();
            default:
                throw problem("node " + name + " has type " + type + ", which snnc does not read back");
        }
    }

    /** The grouped weights [O, C_in/groups, kH, kW] inside the block-diagonal dense ones the writer stores. */
    private Tensor grouped(Tensor dense, int groups) {
        int[] s = dense.shape();
        if (groups < 1 || s.length != 4 || s[1] % groups != 0 || s[0] % groups != 0) {
            throw problem("a Conv2d has " + groups + " groups for weights " + dense.describe());
        }
        if (groups == 1) {
            return dense;
        }
        int perGroup = s[1] / groups;
        int taps = s[2] * s[3];
        int outPerGroup = s[0] / groups;
        float[] d = dense.toArray();
        float[] w = new float[s[0] * perGroup * taps];
        for (int oc = 0; oc < s[0]; oc++) {
            int first = (oc / outPerGroup) * perGroup;
            for (int i = 0; i < perGroup; i++) {
                System.arraycopy(d, (oc * s[1] + first + i) * taps, w, (oc * perGroup + i) * taps, taps);
            }
        }
        return Tensor.of(w, s[0], perGroup, s[2], s[3]);
    }

    private IfNeuron population(Group m) {
        NeuronModel model = new NeuronModel(NeuronModel.Reset.valueOf(string(m, "snnc_reset").toUpperCase(java.util.Locale.ROOT)),
                string(m, "snnc_comparison").equals(">=") ? NeuronModel.Comparison.GREATER_EQUAL : NeuronModel.Comparison.GREATER,
                number(m, "snnc_half_step_shift") != 0);
        Tensor ratio = m.getChildren().containsKey("snnc_fire_ratio") ? tensor(m, "snnc_fire_ratio")
                : Tensor.of(new float[] {1f}, 1);
        return new IfNeuron(tensor(m, "snnc_threshold"), tensor(m, "snnc_bias"), tensor(m, "snnc_initial_potential"), model,
                ratio);
    }

    /** The layer's own bias (the NIR bias also carries the fused population current). */
    private Tensor originalBias(Group n, Group m) {
        return m.getChild("snnc_bias") != null ? tensor(m, "snnc_bias") : tensor(n, "bias");
    }

    /** The nodes in the order snnc wrote them (their snnc_index), which is a topological order of the graph. */
    private List<String> inOriginalOrder() {
        List<String> names = new ArrayList<>(topologicalOrder());
        names.removeIf(n -> n.equals(NirNames.INPUT) || n.equals(NirNames.OUTPUT) || n.endsWith(NirNames.TIMES_THRESHOLD));
        names.sort(java.util.Comparator.comparingLong(n -> number((Group) group(n).getChild("metadata"), "snnc_index")));
        return names;
    }

    private List<String> topologicalOrder() {
        Map<String, Integer> pending = new LinkedHashMap<>();
        for (String name : new TreeMap<>(nodes.getChildren()).keySet()) {
            pending.put(name, inputsOf.getOrDefault(name, List.of()).size());
        }
        Deque<String> ready = new ArrayDeque<>();
        pending.forEach((k, v) -> {
            if (v == 0) {
                ready.add(k);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(n);
            for (String c : consumersOf.getOrDefault(n, List.of())) {
                if (pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() != pending.size()) {
            throw problem("the graph has a cycle or unreachable nodes");
        }
        return order;
    }

    private Group group(String name) {
        Node n = nodes.getChild(name);
        if (!(n instanceof Group gr)) {
            throw problem("has no node " + name);
        }
        return gr;
    }

    private SnncException problem(String what) {
        return problem(file, what);
    }

    private static SnncException problem(Path file, String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.BAD_SNN_FILE, Origin.SYNTHETIC, "NIR file " + file + " " + what));
    }
}
