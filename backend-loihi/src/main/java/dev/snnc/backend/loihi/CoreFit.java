package dev.snnc.backend.loihi;

import dev.snnc.backend.loihi.mapping.CoreMapper;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.backend.NetworkPass;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;

/** Reports a network that does not fit the cores and chips (SNNC-E112 with the fix), before anything is printed. */
final class CoreFit implements NetworkPass {
    private final BackendOptions options;

    CoreFit(BackendOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "core-fit";
    }

    @Override
    public FxNetwork run(FxNetwork net, Diagnostics d) {
        try {
            new CoreMapper(LoihiBackend.limits(net.target(), options), net.target().arithmetic().weightBits()).map(net);
        } catch (SnncException e) {
            e.diagnostics().forEach(d::report);
        }
        return net;
    }
}
