package dev.snnc.ir.fx.legalize;

import dev.snnc.ir.Origin;
import dev.snnc.ir.backend.NetworkPass;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import java.util.ArrayList;
import java.util.List;

/**
 * A rewrite of synapse groups that preserves every spike; applied to populations and the readout
 * alike. A group it cannot rewrite is reported (naming the population's ONNX node) and kept as it
 * was, so one run reports every such group.
 */
public interface LegalizationPass extends NetworkPass {
    /**
     * The replacement for one group feeding {@code target} ({@code target} names the population or
     * "readout"), or {@code group} itself after reporting why it cannot be rewritten.
     */
    FxSynapses rewrite(FxSynapses group, String target, Origin origin, Diagnostics diagnostics);

    @Override
    default FxNetwork run(FxNetwork net, Diagnostics diagnostics) {
        List<FxPopulation> pops = new ArrayList<>();
        for (FxPopulation p : net.populations()) {
            pops.add(p.withInputs(p.inputs().stream().map(g -> rewrite(g, p.name(), p.origin(), diagnostics)).toList()));
        }
        List<FxSynapses> readout = net.readout().inputs().stream()
                .map(g -> rewrite(g, "readout", Origin.SYNTHETIC, diagnostics)).toList();
        return net.withPopulations(pops).withReadout(new FxNetwork.FxReadout(net.readout().shape(), readout,
                net.readout().bias()));
    }

    /** The passes after which every group is an unpooled conv or dense projection (what Lava and the FPGA engine run). */
    static List<NetworkPass> convAndDenseOnly() {
        return List.of(new FoldPoolingIntoSynapses(), new IdentityAsDepthwiseConv());
    }

    /** {@code net} after {@link #convAndDenseOnly()}; an {@code SnncException} with every problem otherwise. */
    static FxNetwork convAndDenseOnly(FxNetwork net) {
        FxNetwork out = net;
        for (NetworkPass p : convAndDenseOnly()) {
            Diagnostics d = new Diagnostics();
            out = p.run(out, d);
            d.throwIfAny();
        }
        return out;
    }
}
