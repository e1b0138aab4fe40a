package dev.snnc.backend.loihi;

import dev.snnc.backend.loihi.netlist.BiasCode;
import dev.snnc.ir.Origin;
import dev.snnc.ir.backend.NetworkPass;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetSpec;
import java.util.Arrays;

/**
 * What Lava's processes can hold, checked on the legalized network so the netlist printer never
 * meets an illegal value: one {@code vth} per stock LIF process, biases as a mantissa shifted by
 * Lava's exponent range, conv padding symmetric and without ceil mode, no conv weight exponent
 * where Lava's Conv ignores it. Every problem is reported, each naming the population's ONNX node.
 */
final class LoihiLegality implements NetworkPass {
    @Override
    public String name() {
        return "loihi-legality";
    }

    @Override
    public FxNetwork run(FxNetwork net, Diagnostics d) {
        TargetSpec.Arithmetic a = net.target().arithmetic();
        for (FxPopulation p : net.populations()) {
            population(p, a, d);
            for (FxSynapses g : p.inputs()) {
                synapses(g, p.name(), p.origin(), a, d);
            }
        }
        for (FxSynapses g : net.readout().inputs()) {
            synapses(g, "readout", Origin.SYNTHETIC, a, d);
        }
        return net;
    }

    private static void population(FxPopulation p, TargetSpec.Arithmetic a, Diagnostics d) {
        long[] th = p.threshold();
        if (a.reset() == TargetSpec.Reset.ZERO && Arrays.stream(th).distinct().count() != 1) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, p.origin(), "population " + p.name()
                    + " has per-channel thresholds (" + Arrays.stream(th).min().orElse(0) + ".." + Arrays.stream(th).max()
                    .orElse(0) + "); Lava's LIF takes one vth").withHint("quantize for this target again"));
        }
        long[] bias = p.bias();
        for (int k = 0; k < bias.length; k++) {
            if (BiasCode.exponent(bias[k], a) < 0) {
                d.report(Diagnostic.of(DiagnosticCode.OVERFLOW, p.origin(), "population " + p.name() + " neuron " + k
                        + ": bias " + bias[k] + " is not a " + a.biasBits() + "-bit mantissa shifted by 0.."
                        + a.biasExponentMax()));
                return;
            }
        }
    }

    private static void synapses(FxSynapses g, String target, Origin origin, TargetSpec.Arithmetic a, Diagnostics d) {
        String where = "synapses " + g.source() + " -> " + target + ": ";
        if (g.pool() != null || g.globalPool() || g.kind() == FxSynapses.Kind.IDENTITY) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "pooling and identity groups must be "
                    + "folded into conv or dense synapses first"));
            return;
        }
        if (g.kind() != FxSynapses.Kind.CONV) {
            return;
        }
        Window2d w = g.window();
        if (w.padding().top() != w.padding().bottom() || w.padding().left() != w.padding().right() || w.ceilMode()) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "Lava's Conv pads symmetrically "
                    + "without ceil mode; window " + w.describe() + " is not"));
        }
        if (g.weightExp() != 0 && !a.convUsesExponent()) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "Lava's Conv ignores weight exponents; "
                    + "got " + g.weightExp()));
        }
    }
}
