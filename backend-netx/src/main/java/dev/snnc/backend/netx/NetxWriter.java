package dev.snnc.backend.netx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.formats.HostInputJson;
import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints a legal network as lava-dl netx HDF5, the layout {@code netx.hdf5.Network} reads:
 * {@code layer/0..n}, each with {@code type}, {@code shape} (C, H, W), a {@code neuron} group
 * (CUBA: {@code iDecay} 4096 and {@code vDecay} 0 give Lava's du 4095, dv 0), and for conv and
 * dense blocks {@code weight}, {@code bias} (in units of 64: netx shifts it by 6) and the conv
 * geometry in (y, x) order. Conv kernels are stored as PyTorch stores them, {@code [O, I/groups, kH, kW]}
 * (netx reverses both spatial axes and transposes them into Lava's {@code [O, kW, kH, I/groups]}
 * for Lava's Conv; NetxEquivalenceTest pins this convention in real Lava). The readout is a dense
 * block without bias whose neurons never spike and forget v every step ({@code vDecay} 4096), so
 * its {@code v} is 64 times the step's synaptic sum; the readout bias (per step, often wider than
 * netx's 13-bit bias) is the root attribute {@code snnc_readout_bias} and in host_input.json. snnc's
 * conventions are attributes of the root.
 */
final class NetxWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** Lava's LIF: the 17-bit threshold mantissa's largest value; the readout's v never reaches it shifted by 6. */
    private static final long NEVER = (1L << 17) - 1;

    private NetxWriter() {
    }

    static byte[] toBytes(FxNetwork net, NetxLayers layers) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile("snnc-netx", ".net");
            try (WritableHdfFile f = HdfFile.write(tmp)) {
                attributes(f, net, layers);
                WritableGroup root = f.putGroup("layer");
                List<NetxLayers.Layer> ls = layers.layers();
                for (int i = 0; i < ls.size(); i++) {
                    block(root.putGroup(Integer.toString(i)), ls.get(i), net);
                }
            }
            return Files.readAllBytes(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write netx HDF5", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is not worth failing the compile for
                }
            }
        }
    }

    /** The host's first layer with what it needs to feed netx's input block (README: the input bias rule). */
    static byte[] hostInput(FxNetwork net) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "snnc-netx-host-input");
        root.put("version", 1);
        root.put("name", net.name());
        root.put("rule", "input block bias_mant = clamp(round_half_away((population_bias + host_current) / 64), -4095, "
                + "4095) per neuron in Lava's (x, y, c) order; host_current = (sum of weights x pixel bytes, shifted) + bias");
        root.put("bias_mantissa_max", NetxLegality.BIAS_MANTISSA_MAX);
        root.put("steps", net.steps());
        root.put("readout_from_step", net.pipelineLatency());
        root.put("timesteps", net.timesteps());
        FxPopulation first = net.populations().get(0);
        root.set("population_shape", ints(first.shape().dims()));
        ArrayNode pb = root.putArray("population_bias");
        for (long b : first.bias()) {
            pb.add(b);
        }
        ArrayNode rb = root.putArray("readout_bias");
        for (long b : net.readout().bias()) {
            rb.add(b);
        }
        root.set("input", HostInputJson.of(net));
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void attributes(WritableHdfFile f, FxNetwork net, NetxLayers layers) {
        f.putAttribute("snnc_format", "snnc-netx");
        f.putAttribute("snnc_version", 1L);
        f.putAttribute("snnc_name", net.name());
        f.putAttribute("snnc_neuron", "Lava LIF (CUBA), reset to zero, spike when v > vThMant << 6");
        f.putAttribute("snnc_timesteps", (long) net.timesteps());
        f.putAttribute("snnc_steps", (long) net.steps());
        f.putAttribute("snnc_readout_from_step", (long) net.pipelineLatency());
        f.putAttribute("snnc_input", "block 0's bias_mant is the host-computed first layer, per image ("
                + NetxBackend.HOST_INPUT_FILE + ")");
        f.putAttribute("snnc_readout", "score of output k = sum over steps t >= snnc_readout_from_step of (v_t[k] / 64 "
                + "+ snnc_readout_bias[k]), v of the last block");
        f.putAttribute("snnc_readout_bias", net.readout().bias());
        f.putAttribute("snnc_provenance", net.provenance().toString());
        f.putAttribute("snnc_blocks", layers.layers().stream().filter(l -> l.population() != null)
                .map(NetxLayers.Layer::name).toArray(String[]::new));
    }

    private static void block(WritableGroup g, NetxLayers.Layer l, FxNetwork net) {
        g.putDataset("type", l.type());
        g.putDataset("shape", longs(l.shape().dims()));
        if (l.type().equals("flatten")) {
            return;
        }
        boolean readout = l.population() == null;
        long vth = readout ? NEVER : l.population().threshold()[0];
        neuron(g.putGroup("neuron"), vth, readout ? 4096 : 0);
        if (l.synapses() == null) {
            return; // the input block: its current comes from the host
        }
        FxSynapses s = l.synapses();
        if (s.kind() == FxSynapses.Kind.CONV) {
            g.putDataset("weight", kernels(s));
            Window2d w = s.window();
            g.putDataset("stride", new long[] {w.strideH(), w.strideW()});
            g.putDataset("padding", new long[] {w.padding().top(), w.padding().left()});
            g.putDataset("dilation", new long[] {w.dilationH(), w.dilationW()});
            g.putDataset("groups", (long) s.groups());
        } else {
            int[] ws = s.weightShape();
            int[][] m = new int[ws[0]][ws[1]];
            for (int o = 0; o < ws[0]; o++) {
                for (int i = 0; i < ws[1]; i++) {
                    m[o][i] = s.weight(o * ws[1] + i);
                }
            }
            g.putDataset("weight", m);
        }
        if (!readout) {
            g.putDataset("bias", bias(l.population()));
        }
    }

    private static void neuron(WritableGroup n, long vth, long vDecay) {
        n.putDataset("type", "CUBA");
        n.putDataset("iDecay", 4096L);
        n.putDataset("vDecay", vDecay);
        n.putDataset("vThMant", vth);
        n.putDataset("refDelay", 1L);
    }

    /** [O, I/g, kH, kW]. */
    private static int[][][][] kernels(FxSynapses s) {
        int[] ws = s.weightShape();
        int[][][][] k = new int[ws[0]][ws[1]][ws[2]][ws[3]];
        for (int o = 0; o < ws[0]; o++) {
            for (int i = 0; i < ws[1]; i++) {
                for (int y = 0; y < ws[2]; y++) {
                    for (int x = 0; x < ws[3]; x++) {
                        k[o][i][y][x] = s.weight(((o * ws[1] + i) * ws[2] + y) * ws[3] + x);
                    }
                }
            }
        }
        return k;
    }

    /** Per channel where every neuron of a channel has the same bias, else per neuron in Lava's (x, y, c) order. */
    private static Object bias(FxPopulation p) {
        long[] b = p.bias();
        Shape s = p.shape();
        if (s.rank() != 3) {
            return units(b);
        }
        int c = s.dim(0);
        int h = s.dim(1);
        int w = s.dim(2);
        int plane = h * w;
        boolean perChannel = true;
        for (int k = 0; k < b.length && perChannel; k++) {
            perChannel = b[k] == b[(k / plane) * plane];
        }
        if (perChannel) {
            long[] channel = new long[c];
            for (int ch = 0; ch < c; ch++) {
                channel[ch] = b[ch * plane];
            }
            return units(channel);
        }
        int[][][] xyc = new int[w][h][c];
        for (int ch = 0; ch < c; ch++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    xyc[x][y][ch] = Math.toIntExact(b[(ch * h + y) * w + x] / NetxLegality.BIAS_STEP);
                }
            }
        }
        return xyc;
    }

    private static int[] units(long[] bias) {
        int[] out = new int[bias.length];
        for (int k = 0; k < bias.length; k++) {
            out[k] = Math.toIntExact(bias[k] / NetxLegality.BIAS_STEP);
        }
        return out;
    }

    private static long[] longs(int[] dims) {
        long[] out = new long[dims.length];
        for (int k = 0; k < dims.length; k++) {
            out[k] = dims[k];
        }
        return out;
    }

    private static ArrayNode ints(int[] values) {
        ArrayNode a = JSON.createArrayNode();
        for (int v : values) {
            a.add(v);
        }
        return a;
    }
}
