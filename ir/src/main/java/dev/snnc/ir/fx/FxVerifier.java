package dev.snnc.ir.fx;

import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * The checks behind {@link FxNetwork#verify}: structure first (names, sources, shapes against array
 * lengths, window geometry), then values against the target's widths. Structure problems are
 * SNNC-E110, values beyond a width SNNC-E111. A synapse group whose structure is wrong is not
 * checked further, so one mistake gives one line.
 */
final class FxVerifier {
    private final FxNetwork net;
    private final Diagnostics out;
    private final TargetSpec.Arithmetic a;
    private final Map<String, Shape> shapes = new HashMap<>();

    FxVerifier(FxNetwork net, Diagnostics out) {
        this.net = net;
        this.out = out;
        this.a = net.target().arithmetic();
    }

    void run() {
        if (!arithmetic()) {
            return;
        }
        if (net.timesteps() > FxLimits.MAX_TIMESTEPS) {
            structure(Origin.SYNTHETIC, "network '" + net.name() + "' asks for " + net.timesteps() + " timesteps; the limit is "
                    + FxLimits.MAX_TIMESTEPS);
        }
        if (!validShape(net.inputShape(), 3)) {
            structure(Origin.SYNTHETIC, "input shape " + net.inputShape() + " is not [C, H, W] with positive sizes");
            return;
        }
        long neurons = 0;
        long weights = 0;
        for (FxPopulation p : net.populations()) {
            if (shapes.containsKey(p.name()) || p.name().isEmpty() || p.name().equals(FxInput.SOURCE)
                    || p.name().equals("readout")) {
                structure(p.origin(), "population name '" + p.name() + "' is empty, reserved or used twice");
                continue;
            }
            if (!validShape(p.shape(), 0)) {
                structure(p.origin(), "population '" + p.name() + "' has shape " + p.shape()
                        + "; populations are [C] or [C, H, W] with positive sizes");
                continue;
            }
            neurons += p.shape().size();
            for (FxSynapses s : p.inputs()) {
                weights += s.weightCount();
                synapses(s, shapes.get(s.source()), p.shape(), "population '" + p.name() + "'", p.origin(), false);
            }
            values(p);
            shapes.put(p.name(), p.shape());
        }
        inputs();
        readout();
        if (neurons > FxLimits.MAX_NEURONS || weights > FxLimits.MAX_WEIGHTS) {
            structure(Origin.SYNTHETIC, "network '" + net.name() + "' has " + neurons + " neurons and " + weights
                    + " weights; the limits are " + FxLimits.MAX_NEURONS + " and " + FxLimits.MAX_WEIGHTS);
        }
    }

    /** The arithmetic must be one the simulator runs exactly; nothing else is checked without it. */
    private boolean arithmetic() {
        String bad = null;
        if (a.voltageBits() < 2 || a.voltageBits() > 64 || a.currentBits() < 2 || a.currentBits() > 64) {
            bad = "voltage and current widths must be in 2..64 bits, got " + a.voltageBits() + " and " + a.currentBits();
        } else if (a.thresholdBits() < 1 || a.thresholdBits() > 62 || a.biasBits() < 2 || a.biasBits() > 62) {
            bad = "threshold and bias widths must be in 1..62 and 2..62 bits, got " + a.thresholdBits() + " and " + a.biasBits();
        } else if (a.inputShift() < 0 || a.inputShift() > 32 || a.thresholdShift() < 0 || a.thresholdShift() > 32
                || a.biasExponentMax() < 0 || a.biasExponentMax() > 32) {
            bad = "input shift, threshold shift and bias exponent must be in 0..32, got " + a.inputShift() + ", "
                    + a.thresholdShift() + " and " + a.biasExponentMax();
        } else if (a.weightExponentMin() < -32 || a.weightExponentMax() > 32) {
            bad = "weight exponents must be in -32..32, got " + a.weightExponentMin() + ".." + a.weightExponentMax();
        } else if (a.synapticDelay() < 0 || a.synapticDelay() > 1) {
            bad = "the simulator runs a synaptic delay of 0 or 1 step, got " + a.synapticDelay();
        } else if (a.convWrapBits() != 0 && (a.convWrapBits() < 2 || a.convWrapBits() > 64)) {
            bad = "conv wrap width must be 0 (none) or 2..64 bits, got " + a.convWrapBits();
        }
        if (bad != null) {
            structure(Origin.SYNTHETIC, "target '" + net.target().id() + "': " + bad);
            return false;
        }
        return true;
    }

    private void inputs() {
        java.util.Set<String> driven = new java.util.HashSet<>();
        for (FxInput in : net.inputs()) {
            Shape target = shapes.get(in.population());
            Origin origin = originOf(in.population());
            if (target == null) {
                structure(Origin.SYNTHETIC, "the first layer drives unknown population '" + in.population() + "'");
                continue;
            }
            if (!driven.add(in.population())) {
                structure(origin, "the first layer drives population '" + in.population() + "' twice");
            }
            if (!in.imageShape().equals(net.inputShape())) {
                structure(origin, "first-layer synapses into '" + in.population() + "' read an image of " + in.imageShape()
                        + ", the network's input is " + net.inputShape());
                continue;
            }
            boolean ok = synapses(in.synapses(), net.inputShape(), target, "first layer into '" + in.population() + "'", origin,
                    true);
            if (ok && in.bias().length != target.size()) {
                structure(origin, "first layer into '" + in.population() + "' has " + in.bias().length + " biases for "
                        + target.size() + " neurons");
            }
        }
    }

    private void readout() {
        FxNetwork.FxReadout r = net.readout();
        if (!validShape(r.shape(), 0)) {
            structure(Origin.SYNTHETIC, "readout shape " + r.shape() + " is not [N] or [C, H, W] with positive sizes");
            return;
        }
        if (r.bias().length != r.shape().size()) {
            structure(Origin.SYNTHETIC, "readout has " + r.bias().length + " biases for " + r.shape().size() + " outputs");
        }
        if (r.inputs().isEmpty()) {
            structure(Origin.SYNTHETIC, "readout has no inputs");
        }
        for (FxSynapses s : r.inputs()) {
            synapses(s, shapes.get(s.source()), r.shape(), "readout", Origin.SYNTHETIC, false);
        }
    }

    /**
     * Checks one group's structure and weights; false when its structure is wrong. The first layer
     * (pixel bytes, computed by the host or the engine's input stage in wide integers) has no weight
     * or exponent range of the target's synapses; backends that store it check it themselves.
     */
    private boolean synapses(FxSynapses s, Shape source, Shape target, String into, Origin origin, boolean firstLayer) {
        String where = "synapses " + s.source() + " -> " + into;
        if (source == null) {
            structure(origin, where + ": the source is not an earlier population");
            return false;
        }
        if (!s.sourceShape().equals(source)) {
            structure(origin, where + ": source shape " + s.sourceShape() + " differs from the source's " + source);
            return false;
        }
        String bad = geometry(s, target);
        if (bad != null) {
            structure(origin, where + ": " + bad);
            return false;
        }
        if (firstLayer) {
            return true;
        }
        boolean conv = s.kind() == FxSynapses.Kind.CONV;
        if (s.weightExp() < a.exponentMin(conv) || s.weightExp() > a.exponentMax(conv)) {
            overflow(origin, where + ": weight exponent " + s.weightExp() + " outside the target's " + a.exponentMin(conv)
                    + ".." + a.exponentMax(conv));
        }
        long max = a.maxWeight();
        for (int i = 0; i < s.weightCount(); i++) {
            if (Math.abs((long) s.weight(i)) > max) {
                overflow(origin, where + ": weight " + i + " is " + s.weight(i) + ", beyond the target's ±" + max);
                break;
            }
        }
        return true;
    }

    /** Why the group's arrays and geometry do not fit its source and target, or null. */
    private static String geometry(FxSynapses s, Shape target) {
        int[] ws = s.weightShape();
        long count = 1;
        for (int d : ws) {
            if (d < 1) {
                return "weight shape " + java.util.Arrays.toString(ws) + " has a size below 1";
            }
            count *= d;
        }
        if (count != s.weightCount()) {
            return s.weightCount() + " weights for weight shape " + java.util.Arrays.toString(ws);
        }
        if ((s.pool() != null || s.globalPool()) && s.sourceShape().rank() != 3) {
            return "pooling needs a [C, H, W] source, got " + s.sourceShape();
        }
        Shape pooled;
        try {
            pooled = s.pooledShape();
        } catch (IllegalArgumentException e) {
            return "pool " + s.pool().describe() + " does not fit " + s.sourceShape() + ": " + e.getMessage();
        }
        if (s.pool() != null && !padsWithinKernel(s.pool())) {
            return "pool padding " + s.pool().padding() + " is not smaller than its kernel";
        }
        return switch (s.kind()) {
            case DENSE -> ws.length != 2 || ws[0] != target.size() || ws[1] != pooled.size()
                    ? "dense weights " + java.util.Arrays.toString(ws) + " must be [" + target.size() + ", " + pooled.size() + "]"
                    : null;
            case IDENTITY -> ws.length != 1 || !pooled.equals(target) || ws[0] != target.dim(0)
                    ? "identity weights " + java.util.Arrays.toString(ws) + " over " + pooled + " must be [C] onto the same shape, "
                    + "target " + target : null;
            case CONV -> conv(s, pooled, target);
        };
    }

    private static String conv(FxSynapses s, Shape in, Shape target) {
        int[] ws = s.weightShape();
        Window2d w = s.window();
        if (w == null || ws.length != 4 || in.rank() != 3 || target.rank() != 3) {
            return "a conv needs a window, [O, I/groups, kH, kW] weights and [C, H, W] shapes";
        }
        int g = s.groups();
        if (g < 1 || ws[0] != target.dim(0) || ws[0] % g != 0 || in.dim(0) % g != 0 || ws[1] != in.dim(0) / g) {
            return "conv weights " + java.util.Arrays.toString(ws) + " in " + g + " groups do not map " + in.dim(0)
                    + " channels onto " + target.dim(0);
        }
        if (ws[2] != w.kernelH() || ws[3] != w.kernelW() || !padsWithinKernel(w)) {
            return "conv window " + w.describe() + " does not match weights " + java.util.Arrays.toString(ws);
        }
        try {
            if (w.outputHeight(in.dim(1)) != target.dim(1) || w.outputWidth(in.dim(2)) != target.dim(2)) {
                return "conv " + w.describe() + " over " + in + " gives " + w.outputHeight(in.dim(1)) + "x"
                        + w.outputWidth(in.dim(2)) + ", the target is " + target;
            }
        } catch (IllegalArgumentException e) {
            return "conv " + w.describe() + " does not fit " + in + ": " + e.getMessage();
        }
        return null;
    }

    /** Padding beyond the (dilated) kernel would place windows entirely outside the input. */
    private static boolean padsWithinKernel(Window2d w) {
        int spanH = w.dilationH() * (w.kernelH() - 1) + 1;
        int spanW = w.dilationW() * (w.kernelW() - 1) + 1;
        var p = w.padding();
        return p.top() >= 0 && p.bottom() >= 0 && p.left() >= 0 && p.right() >= 0
                && p.top() < spanH && p.bottom() < spanH && p.left() < spanW && p.right() < spanW;
    }

    private void values(FxPopulation p) {
        String who = "population '" + p.name() + "'";
        long maxTheta = a.maxThreshold();
        for (int c = 0; c < p.shape().dim(0); c++) {
            long t = p.threshold(c);
            if (t < 1 || t > maxTheta) {
                overflow(p.origin(), who + ": threshold of channel " + c + " is " + t + ", outside 1.." + maxTheta);
                break;
            }
        }
        if (!a.channelThresholds()) {
            long first = p.threshold(0);
            for (int c = 1; c < p.shape().dim(0); c++) {
                if (p.threshold(c) != first) {
                    overflow(p.origin(), who + ": channel " + c + " has threshold " + p.threshold(c) + ", channel 0 "
                            + first + "; target '" + net.target().id() + "' has one threshold per population");
                    break;
                }
            }
        }
        long maxV = a.maxVoltage();
        long maxBias = a.maxBias();
        for (int i = 0; i < p.shape().size(); i++) {
            if (Math.abs(p.initialV(i)) > maxV || p.initialV(i) == Long.MIN_VALUE) {
                overflow(p.origin(), who + ": initial voltage of neuron " + i + " is " + p.initialV(i) + ", beyond ±" + maxV);
                break;
            }
            if (Math.abs(p.bias(i)) > maxBias || p.bias(i) == Long.MIN_VALUE) {
                overflow(p.origin(), who + ": bias of neuron " + i + " is " + p.bias(i) + ", beyond ±" + maxBias);
                break;
            }
        }
    }

    private Origin originOf(String population) {
        return net.populations().stream().filter(p -> p.name().equals(population)).findFirst().map(FxPopulation::origin)
                .orElse(Origin.SYNTHETIC);
    }

    private static boolean validShape(Shape s, int rank) {
        if ((rank != 0 && s.rank() != rank) || (rank == 0 && s.rank() != 1 && s.rank() != 3)) {
            return false;
        }
        long size = 1;
        for (int d : s.dims()) {
            if (d < 1) {
                return false;
            }
            size *= d;
            if (size > FxLimits.MAX_NEURONS) {
                return false;
            }
        }
        return true;
    }

    private void structure(Origin origin, String message) {
        out.report(Diagnostic.of(DiagnosticCode.BAD_FX_FILE, origin, message));
    }

    private void overflow(Origin origin, String message) {
        out.report(Diagnostic.of(DiagnosticCode.OVERFLOW, origin, message));
    }
}
