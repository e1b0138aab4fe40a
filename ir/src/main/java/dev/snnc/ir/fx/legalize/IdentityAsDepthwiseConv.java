package dev.snnc.ir.fx.legalize;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;

/** A per-channel identity shortcut (residual) becomes a 1x1 depthwise conv with the same weights. */
public final class IdentityAsDepthwiseConv implements LegalizationPass {
    @Override
    public String name() {
        return "identity-as-depthwise-conv";
    }

    @Override
    public FxSynapses rewrite(FxSynapses g, String target, Origin origin, Diagnostics diagnostics) {
        if (g.kind() != FxSynapses.Kind.IDENTITY) {
            return g;
        }
        int c = g.weightShape()[0];
        return new FxSynapses(g.source(), g.sourceShape(), g.pool(), g.globalPool(), FxSynapses.Kind.CONV, g.weights(),
                new int[] {c, 1, 1, 1}, Window2d.of(1, 1, 0), c, g.weightExp(), g.maxPool());
    }
}
