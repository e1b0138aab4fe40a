package dev.snnc.ir.fx.legalize;

import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import java.util.ArrayList;
import java.util.List;

/** A rewrite of synapse groups that preserves every spike; applied to populations and the readout alike. */
public interface LegalizationPass {
    String name();

    /** The replacement for one group feeding {@code target} ({@code target} names the population or "readout"). */
    FxSynapses rewrite(FxSynapses group, String target);

    default FxNetwork apply(FxNetwork net) {
        List<FxPopulation> pops = new ArrayList<>();
        for (FxPopulation p : net.populations()) {
            List<FxSynapses> groups = p.inputs().stream().map(g -> rewrite(g, p.name())).toList();
            pops.add(new FxPopulation(p.name(), p.shape(), groups, p.threshold(), p.bias(), p.initialV()));
        }
        List<FxSynapses> readout = net.readout().inputs().stream().map(g -> rewrite(g, "readout")).toList();
        return new FxNetwork(net.name(), net.inputShape(), net.inputs(), pops,
                new FxNetwork.FxReadout(net.readout().shape(), readout, net.readout().bias()), net.target(),
                net.timesteps(), net.provenance(), net.inputEncoding());
    }

    /** All passes, in order: afterwards every group is an unpooled conv or dense projection (what Lava and the FPGA engine run). */
    static FxNetwork convAndDenseOnly(FxNetwork net) {
        FxNetwork out = net;
        for (LegalizationPass p : List.of(new FoldPoolingIntoSynapses(), new IdentityAsDepthwiseConv())) {
            out = p.apply(out);
        }
        return out;
    }
}
