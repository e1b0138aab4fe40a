package dev.snnc.backend.netx;

import dev.snnc.ir.Origin;
import dev.snnc.ir.backend.NetworkPass;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import java.util.Arrays;
import java.util.List;

/**
 * What lava-dl netx's {@code hdf5.Network} can build, checked after pooling is folded: a chain
 * (input block, then one conv or dense block per population fed by the one before it, then the
 * readout as a dense block), one threshold per layer, no initial potentials, biases as
 * {@code bias_mant << 6}, symmetric conv padding, no weight exponents. Every problem is reported,
 * each naming the population's ONNX node and the fix.
 */
final class NetxLegality implements NetworkPass {
    /** netx's {@code bias_mant}: a 13-bit signed mantissa, shifted left by netx's fixed exponent of 6. */
    static final long BIAS_STEP = 64;
    static final long BIAS_MANTISSA_MAX = 4095;

    @Override
    public String name() {
        return "netx-legality";
    }

    @Override
    public FxNetwork run(FxNetwork net, Diagnostics d) {
        List<FxPopulation> pops = net.populations();
        if (net.inputs().size() != 1 || pops.isEmpty() || !net.inputs().get(0).population().equals(pops.get(0).name())
                || !pops.get(0).inputs().isEmpty()) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, pops.isEmpty() ? Origin.SYNTHETIC : pops.get(0).origin(),
                    net.name() + ": netx starts with one input block, so the image must drive only the first population, "
                            + "and nothing else may; this network's image drives " + net.inputs().size() + " population(s)")
                    .withHint("export a sequential model (one first layer) or use --target loihi2"));
        }
        for (int i = 0; i < pops.size(); i++) {
            FxPopulation p = pops.get(i);
            neurons(p, d);
            if (i > 0) {
                chainLink(p, pops.get(i - 1), d);
            }
        }
        readout(net, d);
        return net;
    }

    private static void chainLink(FxPopulation p, FxPopulation previous, Diagnostics d) {
        if (p.inputs().size() != 1 || !p.inputs().get(0).source().equals(previous.name())) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, p.origin(), "population " + p.name() + " is fed by "
                    + p.inputs().stream().map(FxSynapses::source).toList() + "; netx blocks form a chain, each fed by the one "
                    + "before it (" + previous.name() + "): residual sums and branches have no netx block")
                    .withHint("use --target loihi2 (its netlist holds residual sums) or a model without skip connections"));
            return;
        }
        synapses(p.inputs().get(0), p.name(), p.origin(), d);
    }

    private static void readout(FxNetwork net, Diagnostics d) {
        List<FxSynapses> in = net.readout().inputs();
        String last = net.populations().isEmpty() ? "" : net.populations().get(net.populations().size() - 1).name();
        if (in.size() != 1 || !in.get(0).source().equals(last) || in.get(0).kind() != FxSynapses.Kind.DENSE) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, Origin.SYNTHETIC, "readout is fed by "
                    + in.stream().map(g -> g.source() + " (" + g.kind() + ")").toList() + "; netx's last block is one dense "
                    + "layer fed by the last population (" + last + ")"));
            return;
        }
        synapses(in.get(0), "readout", Origin.SYNTHETIC, d);
    }

    private static void neurons(FxPopulation p, Diagnostics d) {
        long[] th = p.threshold();
        if (Arrays.stream(th).distinct().count() != 1) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, p.origin(), "population " + p.name()
                    + " has per-channel thresholds (" + Arrays.stream(th).min().orElse(0) + ".." + Arrays.stream(th).max()
                    .orElse(0) + "); a netx layer has one vThMant").withHint("quantize for --target netx (one threshold "
                    + "per layer) from the .snn"));
        }
        long[] v0 = p.initialV();
        for (int k = 0; k < v0.length; k++) {
            if (v0[k] != 0) {
                d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, p.origin(), "population " + p.name() + " neuron " + k
                        + " starts at potential " + v0[k] + "; netx neurons start at 0 and the file has no field for it")
                        .withHint("calibrate without potential calibration (--method light or none) and without --phase-copies "
                                + "(its copies start at staggered potentials) for netx"));
                break;
            }
        }
        long[] bias = p.bias();
        for (int k = 0; k < bias.length; k++) {
            if (bias[k] % BIAS_STEP != 0 || Math.abs(bias[k] / BIAS_STEP) > BIAS_MANTISSA_MAX) {
                d.report(Diagnostic.of(DiagnosticCode.OVERFLOW, p.origin(), "population " + p.name() + " neuron " + k
                        + ": bias " + bias[k] + " is not bias_mant << 6 with |bias_mant| <= " + BIAS_MANTISSA_MAX
                        + " (netx fixes bias_exp at 6)").withHint("quantize for --target netx from the .snn"));
                break;
            }
        }
    }

    private static void synapses(FxSynapses g, String target, Origin origin, Diagnostics d) {
        String where = "synapses " + g.source() + " -> " + target + ": ";
        if (g.pool() != null || g.globalPool() || g.kind() == FxSynapses.Kind.IDENTITY) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "pooling is not a netx block (netx raises "
                    + "NotImplementedError for pool and average); it must be folded into the conv or dense after it")
                    .withHint("pooling folds when a conv or dense layer follows it"));
            return;
        }
        if (g.weightExp() != 0) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "weight exponent " + g.weightExp()
                    + "; netx stores plain 8-bit weights").withHint("quantize for --target netx from the .snn"));
        }
        if (g.kind() == FxSynapses.Kind.CONV) {
            Window2d w = g.window();
            if (!w.padding().isSymmetric() || w.ceilMode()) {
                d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "netx's conv pads symmetrically "
                        + "without ceil mode; window " + w.describe() + " is not"));
            }
            return;
        }
        for (int i = 0; i < g.weightCount(); i++) {
            if (g.weight(i) != 0) {
                return;
            }
        }
        d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "every weight is zero; netx's weight "
                + "optimizer divides by the largest weight and cannot load it"));
    }
}
