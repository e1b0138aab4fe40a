package dev.snnc.ir.backend;

import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.fx.FxNetwork;

/**
 * Runs a backend: verify the network, run its legalization passes (stopping after the first that
 * reports problems, with every problem it found), verify the legal network, then emit.
 */
public final class BackendDriver {
    private BackendDriver() {
    }

    /** The legal network and what the backend printed from it. */
    public record Result(FxNetwork legal, Emission emission) {
    }

    public static FxNetwork legalize(Backend backend, FxNetwork net, BackendOptions options) {
        net.verified();
        FxNetwork out = net;
        for (NetworkPass pass : backend.legalization(options)) {
            Diagnostics d = new Diagnostics();
            out = pass.run(out, d);
            d.throwIfAny();
        }
        return out.verified();
    }

    public static Result compile(Backend backend, FxNetwork net, BackendOptions options) {
        FxNetwork legal = legalize(backend, net, options);
        return new Result(legal, backend.emit(legal, options));
    }
}
