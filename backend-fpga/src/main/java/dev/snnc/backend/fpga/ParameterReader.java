package dev.snnc.backend.fpga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.formats.ArtifactFiles;
import dev.snnc.formats.FxFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a parameter directory back into a fixed-point network from what the engine reads: the
 * descriptors, the memories and the manifest's target (checksums verified first). Flat
 * populations come back as {@code [N,1,1]}; otherwise the network is the legalized one.
 */
public final class ParameterReader {
    private ParameterReader() {
    }

    public static boolean isParameterDirectory(Path dir) {
        return Files.isDirectory(dir) && ArtifactFiles.isRegularFile(dir.resolve("manifest.json"), false);
    }

    /** The bytes of {@code name} in {@code dir}: a plain name, a regular file (no symlink, FIFO or device), bounded. */
    static byte[] file(Path dir, String name) {
        return ArtifactFiles.read(ArtifactFiles.inside(dir, name, what -> problem(dir, "manifest.json " + what)), false,
                what -> problem(dir, name + " " + what));
    }

    public static FxNetwork read(Path dir) {
        try {
            JsonNode manifest = new ObjectMapper().readTree(file(dir, "manifest.json"));
            if (!ParameterFiles.FORMAT.equals(manifest.path("format").asText())) {
                throw problem(dir, "manifest.json is not an snnc FPGA manifest");
            }
            // each file is read once: the checksum pass keeps the bytes the decoder then parses
            Map<String, byte[]> contents = new HashMap<>();
            var files = manifest.path("files").fields();
            while (files.hasNext()) {
                var e = files.next();
                if (e.getKey().equals("manifest.json")) {
                    continue;
                }
                byte[] bytes = file(dir, e.getKey());
                if (!ParameterFiles.sha256(bytes).equals(e.getValue().asText())) {
                    throw problem(dir, e.getKey() + " does not match its checksum in manifest.json");
                }
                contents.put(e.getKey(), bytes);
            }
            TargetSpec target = FxFile.readTarget(manifest.get("target"));
            FxNetwork net = new Decoder(name -> contents.computeIfAbsent(name, n -> file(dir, n)), target, manifest).network();
            return FxFile.verified(net, "FPGA parameter directory " + dir);
        } catch (IOException | RuntimeException e) {
            if (e instanceof SnncException s) {
                throw s;
            }
            throw problem(dir, "cannot be read: " + e.getMessage());
        }
    }

    /** The PE count the directory was written for (its manifest's {@code pe}). */
    public static int manifestPe(Path dir) {
        try {
            JsonNode pe = new ObjectMapper().readTree(file(dir, "manifest.json")).path("pe");
            if (!pe.canConvertToInt()) {
                throw problem(dir, "manifest.json has no integer 'pe'");
            }
            return pe.asInt();
        } catch (IOException e) {
            throw problem(dir, "manifest.json cannot be read: " + e.getMessage());
        }
    }

    private static SnncException problem(Path dir, String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.BAD_FX_FILE, Origin.SYNTHETIC,
                "FPGA parameter directory " + dir + ": " + what));
    }

    /** Decodes the PE-wide memories back into logical (per neuron, per channel) arrays. */
    private static final class Decoder {
        final TargetSpec target;
        final JsonNode manifest;
        final int pe;
        final long[][] desc;
        final long[][] weights;
        final long[][] channels;
        final long[][] biases;
        final long[][] inits;
        final TargetSpec.Arithmetic a;
        final Map<Integer, String> populationAt = new HashMap<>();
        final Map<String, Shape> shapes = new HashMap<>();
        final Shape image;

        Decoder(java.util.function.Function<String, byte[]> files, TargetSpec target, JsonNode manifest) {
            TargetSpec.Arithmetic a = target.arithmetic();
            this.target = target;
            this.manifest = manifest;
            JsonNode peNode = manifest.path("pe");
            if (!peNode.canConvertToInt() || peNode.asInt() < 1 || peNode.asInt() > FpgaBackend.MAX_PE) {
                throw new IllegalArgumentException("manifest.json 'pe' must be 1.." + FpgaBackend.MAX_PE + ", got " + peNode);
            }
            pe = peNode.asInt();
            this.a = a;
            desc = mem(files.apply("desc.mem"), "desc.mem", Words.widths(Descriptor.FIELDS, 32), true);
            weights = mem(files.apply("weights.mem"), "weights.mem", Words.widths(pe, a.weightBits()), true);
            channels = mem(files.apply("channel.mem"), "channel.mem", EngineLayout.channelWidths(pe, a), false);
            biases = mem(files.apply("bias.mem"), "bias.mem", Words.widths(pe, ParameterFiles.BIAS_BITS), true);
            inits = mem(files.apply("neuron_init.mem"), "neuron_init.mem", EngineLayout.initWidths(pe, a), true);
            JsonNode in = manifest.get("input_shape");
            int[] dims = new int[in.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.get(i).asInt();
            }
            image = Shape.of(dims);
        }

        static long[][] mem(byte[] file, String name, int[] widths, boolean signed) {
            List<String> lines = new String(file, java.nio.charset.StandardCharsets.US_ASCII).lines().toList();
            long[][] v = new long[lines.size()][];
            for (int i = 0; i < v.length; i++) {
                try {
                    v[i] = Words.parse(lines.get(i), widths, signed);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + " line " + (i + 1) + ": " + e.getMessage());
                }
            }
            return v;
        }

        int field(long[] word, Enum<?> f) {
            return (int) word[f.ordinal()];
        }

        FxNetwork network() {
            List<long[][]> jobs = jobs();
            for (int i = 0; i < jobs.size(); i++) {
                long[] h = jobs.get(i)[0];
                if (field(h, Descriptor.Header.KIND) == EngineProgram.Kind.POPULATION.ordinal()) {
                    String name = manifest.get("layers").get(i).get("name").asText();
                    populationAt.put(field(h, Descriptor.Header.NEURON_BASE), name);
                    shapes.put(name, shape(h));
                }
            }
            Map<String, FxInput> inputs = new LinkedHashMap<>();
            List<FxPopulation> pops = new ArrayList<>();
            FxNetwork.FxReadout readout = null;
            for (int i = 0; i < jobs.size(); i++) {
                long[] h = jobs.get(i)[0];
                String name = manifest.get("layers").get(i).get("name").asText();
                Shape shape = shape(h);
                List<FxSynapses> groups = groups(jobs.get(i), shape);
                int oc = shape.dim(0);
                int kind = field(h, Descriptor.Header.KIND);
                if (kind == EngineProgram.Kind.INPUT.ordinal()) {
                    inputs.put(name, new FxInput(name, groups.get(0), perNeuron(biases, field(h, Descriptor.Header.BIAS_BASE),
                            shape, 0)));
                } else if (kind == EngineProgram.Kind.POPULATION.ordinal()) {
                    pops.add(population(name, shape, groups, h, inputs.containsKey(name)));
                } else {
                    readout = new FxNetwork.FxReadout(shape, groups, perChannel(biases, field(h, Descriptor.Header.BIAS_BASE),
                            oc, 0, 0));
                }
            }
            Map<String, String> prov = new LinkedHashMap<>();
            manifest.path("provenance").fields().forEachRemaining(e -> prov.put(e.getKey(), e.getValue().asText()));
            return new FxNetwork(manifest.get("name").asText(), image, List.copyOf(inputs.values()), pops, readout, target,
                    manifest.get("timesteps").asInt(), prov);
        }

        /**
         * A population's thresholds from its channel words; initial potentials and currents from there or,
         * when the header says so, per neuron from neuron_init.mem (a population the first layer drives has
         * its constant in the input job's biases, so its own current reads back as zero).
         */
        private FxPopulation population(String name, Shape shape, List<FxSynapses> groups, long[] h, boolean driven) {
            int oc = shape.dim(0);
            int plane = shape.dim(1) * shape.dim(2);
            int chan = field(h, Descriptor.Header.CHAN_BASE);
            long[] thr = perChannel(channels, chan, oc, 0, 0);
            long[] v0 = new long[(int) shape.size()];
            long[] current = new long[(int) shape.size()];
            if (field(h, Descriptor.Header.PER_NEURON_INIT) != 0) {
                int base = field(h, Descriptor.Header.INIT_BASE);
                v0 = perNeuron(inits, base, shape, 0);
                current = perNeuron(inits, base, shape, pe);
            } else {
                long[] cv = perChannel(channels, chan, oc, pe, a.voltageBits());
                long[] cb = perChannel(channels, chan, oc, 2 * pe, a.biasBits());
                for (int n = 0; n < v0.length; n++) {
                    v0[n] = cv[n / plane];
                    current[n] = cb[n / plane];
                }
            }
            return new FxPopulation(name, shape, groups, thr, driven ? new long[v0.length] : current, v0);
        }

        private Shape shape(long[] h) {
            long oc = h[Descriptor.Header.OC.ordinal()];
            long oh = h[Descriptor.Header.OH.ordinal()];
            long ow = h[Descriptor.Header.OW.ordinal()];
            if (oc < 1 || oh < 1 || ow < 1 || oc * oh * ow > (long) Integer.MAX_VALUE) {
                throw new IllegalArgumentException("a job header has shape " + oc + "x" + oh + "x" + ow);
            }
            return Shape.of((int) oc, (int) oh, (int) ow);
        }

        /** Each job's header word followed by its group words. */
        private List<long[][]> jobs() {
            List<long[][]> out = new ArrayList<>();
            int at = 0;
            while (at < desc.length && out.size() < manifest.get("layers").size()) {
                long groups = desc[at][Descriptor.Header.NGROUPS.ordinal()];
                if (groups < 0 || at + 1 + groups > desc.length) {
                    throw new IllegalArgumentException("descriptor word " + at + " has " + groups + " groups, beyond the "
                            + desc.length + " words of desc.mem");
                }
                out.add(java.util.Arrays.copyOfRange(desc, at, (int) (at + 1 + groups)));
                at += (int) (1 + groups);
            }
            return out;
        }

        private List<FxSynapses> groups(long[][] job, Shape target) {
            List<FxSynapses> out = new ArrayList<>();
            int oc = target.dim(0);
            for (int gi = 1; gi < job.length; gi++) {
                long[] g = job[gi];
                int mode = field(g, Descriptor.Group.MODE);
                if (mode < 0 || mode >= EngineProgram.Mode.values().length) {
                    throw new IllegalArgumentException("a group has mode " + mode);
                }
                boolean pixels = mode == EngineProgram.Mode.PIXELS.ordinal();
                boolean depthwise = mode == EngineProgram.Mode.DEPTHWISE.ordinal();
                int cin = field(g, Descriptor.Group.CIN);
                int h = field(g, Descriptor.Group.GH);
                int w = field(g, Descriptor.Group.GW);
                int cg = field(g, Descriptor.Group.CG);
                int kh = field(g, Descriptor.Group.KH);
                int kw = field(g, Descriptor.Group.KW);
                int exp = field(g, Descriptor.Group.EXP);
                int k = field(g, Descriptor.Group.TAPS);
                if (k < 1 || (long) cg * kh * kw != k) {
                    throw new IllegalArgumentException("a group has " + k + " taps for " + cg + "x" + kh + "x" + kw);
                }
                int[] ws = weights(field(g, Descriptor.Group.W_BASE), oc, k);
                String source = pixels ? FxInput.SOURCE : populationAt.get(field(g, Descriptor.Group.SRC_BASE));
                if (source == null) {
                    throw new IllegalArgumentException("a group reads neuron word " + field(g, Descriptor.Group.SRC_BASE)
                            + ", where no population starts");
                }
                Shape srcShape = pixels ? image : shapes.get(source);
                if (field(g, Descriptor.Group.DENSE) != 0) {
                    out.add(new FxSynapses(source, srcShape, null, false, FxSynapses.Kind.DENSE, ws,
                            new int[] {oc, k}, null, 1, exp));
                } else {
                    int sh = field(g, Descriptor.Group.SH);
                    int sw = field(g, Descriptor.Group.SW);
                    int top = field(g, Descriptor.Group.PT);
                    int left = field(g, Descriptor.Group.PL);
                    int dh = field(g, Descriptor.Group.DH);
                    int dw = field(g, Descriptor.Group.DW);
                    // The engine stores leading padding only and stops at the job's output size; the trailing
                    // padding is what that output size implies (windows never read beyond it).
                    int bottom = trailingPad(target.dim(1), h, kh, sh, dh, top);
                    int right = trailingPad(target.dim(2), w, kw, sw, dw, left);
                    Window2d win = new Window2d(kh, kw, sh, sw, dh, dw, new Padding(top, left, bottom, right), false);
                    out.add(new FxSynapses(source, Shape.of(cin, h, w), null, false, FxSynapses.Kind.CONV, ws,
                            new int[] {oc, cg, kh, kw}, win, depthwise ? cin : 1, exp));
                }
            }
            return out;
        }

        /** A group's weights {@code [oc, k]} from its words (batch, tap; lane = channel within the batch). */
        private int[] weights(int base, int oc, int k) {
            long words = (long) EngineLayout.batches(oc, pe) * k;
            check(weights, "weights.mem", base, words);
            int[] out = new int[oc * k];
            for (int o = 0; o < oc; o++) {
                for (int t = 0; t < k; t++) {
                    out[o * k + t] = (int) weights[base + (o / pe) * k + t][o % pe];
                }
            }
            return out;
        }

        /** Per channel: field {@code first + c mod pe} of word {@code base + c / pe}, sign-extended from {@code bits} (0: as read). */
        private long[] perChannel(long[][] mem, int base, int channels, int first, int bits) {
            check(mem, "a per-channel memory", base, EngineLayout.batches(channels, pe));
            long[] out = new long[channels];
            for (int c = 0; c < channels; c++) {
                long v = mem[base + c / pe][first + c % pe];
                out[c] = bits == 0 ? v : Words.signExtend(v, bits);
            }
            return out;
        }

        /** Per neuron in the engine's lane layout: field {@code first + c mod pe} of the neuron's word. */
        private long[] perNeuron(long[][] mem, int base, Shape s, int first) {
            int plane = s.dim(1) * s.dim(2);
            check(mem, "a per-neuron memory", base, (long) EngineLayout.batches(s.dim(0), pe) * plane);
            long[] out = new long[(int) s.size()];
            for (int n = 0; n < out.length; n++) {
                int c = n / plane;
                out[n] = mem[base + (c / pe) * plane + n % plane][first + c % pe];
            }
            return out;
        }

        /** Words {@code base..base+n} must lie inside the memory (a descriptor cannot make the reader allocate). */
        private static void check(long[][] mem, String what, long base, long n) {
            if (base < 0 || n < 0 || base + n > mem.length) {
                throw new IllegalArgumentException("a descriptor reads words " + base + ".." + (base + n) + " of " + what
                        + " of " + mem.length + " words");
            }
        }

        /** The smallest trailing padding that gives {@code out} windows over {@code in} inputs, clamped to be >= 0. */
        private static int trailingPad(int out, int in, int k, int stride, int dilation, int lead) {
            long need = (long) (out - 1) * stride + (long) dilation * (k - 1) + 1 - in - lead;
            return (int) Math.max(0, Math.min(need, Integer.MAX_VALUE));
        }
    }
}
