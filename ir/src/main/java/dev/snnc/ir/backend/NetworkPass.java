package dev.snnc.ir.backend;

import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.fx.FxNetwork;

/**
 * One legalization step: returns the rewritten network, or reports into {@code diagnostics} every
 * construct it cannot rewrite (each naming the population's ONNX node and the numbers) and returns
 * what it could. The driver stops after a pass that reported anything.
 */
public interface NetworkPass {
    String name();

    FxNetwork run(FxNetwork net, Diagnostics diagnostics);
}
