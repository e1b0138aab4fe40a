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

    /** Decodes the memories. */
    private static final class Decoder {
        final TargetSpec target;
        final JsonNode manifest;
        final long[] desc;
        final long[] weights;
        final long[] chan;
        final long[] thresholds;
        final long[] biases;
        final long[] vinit;
        final long[] current;
        final Map<Integer, String> populationAt = new HashMap<>();
        final Map<String, Shape> shapes = new HashMap<>();
        final Shape image;

        Decoder(java.util.function.Function<String, byte[]> files, TargetSpec target, JsonNode manifest) {
            TargetSpec.Arithmetic a = target.arithmetic();
            this.target = target;
            this.manifest = manifest;
            desc = mem(files.apply("desc.mem"), 32);
            weights = mem(files.apply("weights.mem"), a.weightBits());
            chan = mem(files.apply("chanbase.mem"), 16);
            thresholds = mem(files.apply("thresh.mem"), 0);
            biases = mem(files.apply("bias.mem"), 32);
            vinit = mem(files.apply("vinit.mem"), a.voltageBits());
            current = mem(files.apply("current.mem"), a.biasBits());
            JsonNode in = manifest.get("input_shape");
            int[] dims = new int[in.size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = in.get(i).asInt();
            }
            image = Shape.of(dims);
        }

        /** Hex words, sign-extended from {@code bits} (0 = unsigned). */
        static long[] mem(byte[] file, int bits) {
            List<String> lines = new String(file, java.nio.charset.StandardCharsets.US_ASCII).lines().toList();
            long[] v = new long[lines.size()];
            for (int i = 0; i < v.length; i++) {
                long x = Long.parseLong(lines.get(i).trim(), 16);
                v[i] = bits == 0 || bits >= 64 ? x : (x << (64 - bits)) >> (64 - bits);
            }
            return v;
        }

        FxNetwork network() {
            List<long[]> jobs = jobs();
            for (long[] j : jobs) {
                if (j[0] == EngineProgram.Kind.POPULATION.ordinal()) {
                    String name = manifest.get("layers").get(jobs.indexOf(j)).get("name").asText();
                    populationAt.put((int) j[7], name);
                    shapes.put(name, Shape.of((int) j[2], (int) j[3], (int) j[4]));
                }
            }
            Map<String, FxInput> inputs = new LinkedHashMap<>();
            List<FxPopulation> pops = new ArrayList<>();
            FxNetwork.FxReadout readout = null;
            for (int i = 0; i < jobs.size(); i++) {
                long[] j = jobs.get(i);
                String name = manifest.get("layers").get(i).get("name").asText();
                Shape shape = Shape.of((int) j[2], (int) j[3], (int) j[4]);
                List<FxSynapses> groups = groups(j, shape);
                int n = (int) shape.size();
                if (j[0] == EngineProgram.Kind.INPUT.ordinal()) {
                    inputs.put(name, new FxInput(name, groups.get(0), slice(biases, (int) j[6], n)));
                } else if (j[0] == EngineProgram.Kind.POPULATION.ordinal()) {
                    long[] bias = inputs.containsKey(name) ? new long[n] : slice(current, (int) j[7], n);
                    pops.add(new FxPopulation(name, shape, groups, slice(thresholds, (int) j[5], (int) j[2]), bias,
                            slice(vinit, (int) j[7], n)));
                } else {
                    readout = new FxNetwork.FxReadout(shape, groups, slice(biases, (int) j[6], n));
                }
            }
            Map<String, String> prov = new LinkedHashMap<>();
            manifest.path("provenance").fields().forEachRemaining(e -> prov.put(e.getKey(), e.getValue().asText()));
            return new FxNetwork(manifest.get("name").asText(), image, List.copyOf(inputs.values()), pops, readout, target,
                    manifest.get("timesteps").asInt(), prov);
        }

        /** Each job's header followed by its groups, as flat word arrays. */
        private List<long[]> jobs() {
            List<long[]> out = new ArrayList<>();
            int at = 0;
            while (at < desc.length && out.size() < manifest.get("layers").size()) {
                long groups = at + 8 < desc.length ? desc[at + 8] : -1;
                long len = ParameterFiles.HEADER + groups * ParameterFiles.GROUP;
                if (groups < 0 || at + len > desc.length) {
                    throw new IllegalArgumentException("descriptor at word " + at + " has " + groups + " groups, beyond the "
                            + desc.length + " words of desc.mem");
                }
                out.add(java.util.Arrays.copyOfRange(desc, at, (int) (at + len)));
                at += (int) len;
            }
            return out;
        }

        private List<FxSynapses> groups(long[] j, Shape target) {
            List<FxSynapses> out = new ArrayList<>();
            int oc = (int) j[2];
            for (int g = 0; g < (int) j[8]; g++) {
                int o = ParameterFiles.HEADER + g * ParameterFiles.GROUP;
                boolean pixels = j[o] == 1;
                int sourceBase = (int) j[o + 1];
                int cin = (int) j[o + 2];
                int h = (int) j[o + 3];
                int w = (int) j[o + 4];
                int cg = (int) j[o + 5];
                int kh = (int) j[o + 6];
                int kw = (int) j[o + 7];
                int wBase = (int) j[o + 14];
                int exp = (int) j[o + 15];
                int k = (int) j[o + 17];
                long[] stored = slice(weights, wBase, (int) Math.min(Integer.MAX_VALUE, Math.max(-1L, (long) oc * k)));
                int[] ws = new int[stored.length];
                for (int i = 0; i < ws.length; i++) {
                    ws[i] = (int) stored[i];
                }
                String source = pixels ? FxInput.SOURCE : populationAt.get(sourceBase);
                if (source == null) {
                    throw new IllegalArgumentException("a group reads neuron base " + sourceBase + ", which no population has");
                }
                Shape srcShape = pixels ? image : shapes.get(source);
                boolean dense = h == 1 && w == 1 && kh == 1 && kw == 1 && cg == cin && srcShape.size() == cin;
                if (dense) {
                    out.add(new FxSynapses(source, srcShape, null, false, FxSynapses.Kind.DENSE, ws,
                            new int[] {oc, cin}, null, 1, exp));
                } else {
                    int sh = (int) j[o + 8];
                    int sw = (int) j[o + 9];
                    int top = (int) j[o + 10];
                    int left = (int) j[o + 11];
                    int dh = (int) j[o + 12];
                    int dw = (int) j[o + 13];
                    // The engine stores leading padding only and stops at the job's output size; the trailing
                    // padding is what that output size implies (windows never read beyond it).
                    int bottom = trailingPad(target.rank() == 3 ? target.dim(1) : 1, h, kh, sh, dh, top);
                    int right = trailingPad(target.rank() == 3 ? target.dim(2) : 1, w, kw, sw, dw, left);
                    Window2d win = new Window2d(kh, kw, sh, sw, dh, dw, new Padding(top, left, bottom, right), false);
                    out.add(new FxSynapses(source, Shape.of(cin, h, w), null, false, FxSynapses.Kind.CONV, ws,
                            new int[] {oc, cg, kh, kw}, win, cin / cg, exp));
                }
            }
            return out;
        }

        /** The smallest trailing padding that gives {@code out} windows over {@code in} inputs, clamped to be >= 0. */
        private static int trailingPad(int out, int in, int k, int stride, int dilation, int lead) {
            long need = (long) (out - 1) * stride + (long) dilation * (k - 1) + 1 - in - lead;
            return (int) Math.max(0, Math.min(need, Integer.MAX_VALUE));
        }

        /** {@code n} words from {@code from}, which must lie inside the memory (a descriptor cannot make it allocate). */
        private static long[] slice(long[] a, int from, int n) {
            if (from < 0 || n < 0 || (long) from + n > a.length) {
                throw new IllegalArgumentException("a descriptor reads words " + from + ".." + ((long) from + n)
                        + " of a memory of " + a.length);
            }
            return java.util.Arrays.copyOfRange(a, from, from + n);
        }
    }
}
