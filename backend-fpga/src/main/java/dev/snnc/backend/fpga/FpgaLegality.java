package dev.snnc.backend.fpga;

import dev.snnc.ir.Origin;
import dev.snnc.ir.backend.NetworkPass;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.target.TargetSpec;

/**
 * What the engine runs, checked on the legalized network so that the parameter printer never meets
 * an illegal value: no synaptic delay, subtractive reset, unpooled conv or dense groups without ceil
 * mode, window geometry within the engine's 16-bit address multipliers, first-layer weights within
 * the weight memory's width, and first-layer constants and readout biases within the bias memory's.
 */
final class FpgaLegality implements NetworkPass {
    /** Operands of the engine's window set-up multipliers are 16 bits. */
    static final long MAX_OPERAND = 0xFFFF;

    @Override
    public String name() {
        return "fpga-legality";
    }

    @Override
    public FxNetwork run(FxNetwork net, Diagnostics d) {
        TargetSpec.Arithmetic a = net.target().arithmetic();
        if (a.synapticDelay() != 0 || a.reset() != TargetSpec.Reset.SUBTRACT || a.strictGreater()) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, Origin.SYNTHETIC, "target '" + net.target().id()
                    + "' has synaptic delay " + a.synapticDelay() + ", reset " + a.reset() + (a.strictGreater() ? ", '>'"
                    : ", '>='") + "; the FPGA engine runs delay 0, subtractive reset and '>='")
                    .withHint("quantize with --target fpga"));
        }
        for (FxPopulation p : net.populations()) {
            p.inputs().forEach(g -> synapses(g, p.name(), p.origin(), d));
        }
        net.readout().inputs().forEach(g -> synapses(g, "readout", Origin.SYNTHETIC, d));
        long max = (1L << (ParameterFiles.BIAS_BITS - 1)) - 1;
        for (FxInput in : net.inputs()) {
            FxPopulation p = net.population(in.population());
            long[] ib = in.bias();
            for (int k = 0; k < ib.length; k++) {
                long b = ib[k] + p.bias(k); // the input stage's constant: population bias plus first-layer bias
                if (Math.abs(b) > max) {
                    d.report(Diagnostic.of(DiagnosticCode.OVERFLOW, p.origin(), "first layer into " + p.name() + ": constant "
                            + b + " of neuron " + k + " beyond the engine's " + ParameterFiles.BIAS_BITS + "-bit bias memory"));
                    break;
                }
            }
            int[] w = in.synapses().weights();
            for (int i = 0; i < w.length; i++) {
                if (Math.abs((long) w[i]) > a.maxWeight()) {
                    d.report(Diagnostic.of(DiagnosticCode.OVERFLOW, p.origin(), "first layer into " + p.name() + ": weight "
                            + i + " is " + w[i] + ", beyond the engine's " + a.weightBits() + "-bit weights"));
                    break;
                }
            }
        }
        long[] rb = net.readout().bias();
        for (int o = 0; o < rb.length; o++) {
            if (Math.abs(rb[o]) > max) {
                d.report(Diagnostic.of(DiagnosticCode.OVERFLOW, Origin.SYNTHETIC, "readout: bias " + rb[o] + " of output " + o
                        + " beyond the engine's " + ParameterFiles.BIAS_BITS + "-bit bias memory")
                        .withHint("use fewer weight bits (the readout's scale grows with them)"));
                break;
            }
        }
        return net;
    }

    private static void synapses(FxSynapses g, String target, Origin origin, Diagnostics d) {
        String where = "synapses " + g.source() + " -> " + target + ": ";
        if (g.pool() != null || g.globalPool() || g.kind() == FxSynapses.Kind.IDENTITY) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "pooling and identity groups must be "
                    + "folded into conv or dense synapses first"));
        } else if (g.kind() == FxSynapses.Kind.CONV && g.window().ceilMode()) {
            d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "ceil-mode windows are not supported by "
                    + "the FPGA engine"));
        } else {
            long extent = Math.max(geometryExtent(g), g.weightShape()[0]);
            if (extent > MAX_OPERAND) {
                d.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, where + "a window extent of " + extent
                        + " (source plane, row step, taps or channels) exceeds the engine's 16-bit address multipliers ("
                        + MAX_OPERAND + ")"));
            }
        }
    }

    /** Largest operand of the engine's per-batch address multipliers (rtl: mul16), as the engine program lays g out. */
    static long geometryExtent(FxSynapses g) {
        dev.snnc.ir.Shape src = g.sourceShape();
        long h = src.rank() == 3 ? src.dim(1) : 1;
        long w = src.rank() == 3 ? src.dim(2) : 1;
        if (g.kind() == FxSynapses.Kind.DENSE) {
            return Math.max(h * w, src.size());
        }
        int[] ws = g.weightShape();
        long cin = src.dim(0);
        boolean keepsGroups = g.groups() == 1 || (g.groups() == cin && ws[0] == cin && ws[1] == 1);
        long taps = (keepsGroups ? ws[1] : cin) * (long) ws[2] * ws[3];
        return Math.max(Math.max(h * w, (long) g.window().strideH() * w), Math.max(taps, Math.max(h, w)));
    }
}
