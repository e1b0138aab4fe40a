package dev.snnc.backend.netx;

import dev.snnc.ir.backend.Backend;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.backend.BackendReport;
import dev.snnc.ir.backend.Emission;
import dev.snnc.ir.backend.NetworkPass;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.legalize.AnalogInputOnly;
import dev.snnc.ir.fx.legalize.LegalizationPass;
import dev.snnc.ir.target.TargetSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** lava-dl netx: a chain of netx blocks in {@code network.net} and the host's first layer in {@code host_input.json}. */
public final class NetxBackend implements Backend {
    /** Name of the netx HDF5 file (lava-dl's own exports use this name). */
    public static final String NETWORK_FILE = "network.net";
    /** Name of the host-computed first layer. */
    public static final String HOST_INPUT_FILE = "host_input.json";

    /**
     * What lava-dl netx builds, run by Lava's bit-accurate models: Loihi 2's arithmetic (see
     * {@code TargetProfiles.LOIHI2}) with netx's restrictions. Its LIF resets to zero with one
     * {@code vThMant} per layer; every bias is {@code bias_mant << 6} (netx fixes {@code bias_exp}
     * at 6) with a 13-bit mantissa; weights are plain 8-bit integers (netx derives Lava's weight
     * exponent itself, exactly for these values), so no layer has a weight exponent; neurons start
     * at v = 0 (the file has no field for it).
     */
    public static final TargetSpec NETX = new TargetSpec("netx",
            new TargetSpec.Arithmetic(8, 0, 0, false, 6, 24, 24, 17, 6, 13, 6, true, TargetSpec.Reset.ZERO, 1, 24, false,
                    false, 6),
            new TargetSpec.Limits(0, 0, 0, 0, 0, 0),
            new TargetSpec.Energy(23.6, 52, 1.7, 3.5, "Loihi 1 figures, Davies et al. IEEE Micro 2018 Table 2"),
            "lava-dl netx hdf5.Network on Lava fixed_pt LIF/Dense/Conv",
            new TargetSpec.Choices(EnumSet.of(TargetSpec.Reset.ZERO), false, 8, false, false));

    @Override
    public String id() {
        return "netx";
    }

    @Override
    public String description() {
        return "lava-dl netx HDF5 (network.net) for netx.hdf5.Network on Loihi 2 through Lava";
    }

    @Override
    public List<TargetSpec> profiles() {
        return List.of(NETX);
    }

    @Override
    public List<NetworkPass> legalization(BackendOptions options) {
        List<NetworkPass> passes = new ArrayList<>();
        passes.add(new AnalogInputOnly("netx"));
        passes.addAll(LegalizationPass.convAndDenseOnly());
        passes.add(new NetxLegality());
        return passes;
    }

    @Override
    public Emission emit(FxNetwork legal, BackendOptions options) {
        NetxLayers layers = NetxLayers.of(legal);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(NETWORK_FILE, NetxWriter.toBytes(legal, layers));
        files.put(HOST_INPUT_FILE, NetxWriter.hostInput(legal));
        StringBuilder text = new StringBuilder();
        text.append("lava-dl netx blocks (").append(NETWORK_FILE).append("):\n");
        for (NetxLayers.Layer l : layers.layers()) {
            text.append(String.format("  %-8s %-24s %s%n", l.type(), l.name(), l.shape()));
        }
        List<String> wideGroups = layers.wideGroupedConvs();
        if (!wideGroups.isEmpty()) {
            text.append("Note: Lava's CPU fixed-point Conv model stores groups in 8 bits, so in Lava's simulator these "
                    + "layers compute zeros (128 or more groups): ").append(String.join(", ", wideGroups)).append('\n');
        }
        Map<String, Number> figures = new LinkedHashMap<>();
        figures.put("netx blocks", layers.layers().size());
        String headline = layers.layers().size() + " netx blocks, latency " + legal.steps() + " steps";
        List<Block> blocks = layers.layers().stream().map(l -> new Block(l.type(), l.name(), l.shape().dims())).toList();
        return new Emission(files, new BackendReport(headline, text.toString(), new Details(blocks, wideGroups), figures,
                List.of()));
    }

    /** What report.json holds for this backend: the blocks in file order, and the layers Lava's CPU Conv gets wrong. */
    public record Details(List<Block> blocks, List<String> layersLavaCpuComputesAsZero) {
    }

    /** One netx block: type, the population (or flatten/readout) it stands for, its shape. */
    public record Block(String type, String name, int[] shape) {
    }
}
