package dev.snnc.ir.fx.legalize;

import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;

/**
 * Lava has no pooling process: a sum-pool in front of a projection is folded into its weights.
 * <ul>
 * <li>pool (any window) or global pool, then dense: a dense over the unpooled source whose weight
 *     for a source neuron is the sum of the weights of every pooled position containing it;</li>
 * <li>non-overlapping pool (kernel = stride = P, no padding, sizes divisible by P), then an
 *     undilated conv (k, s, pad p): one conv with kernel k·P, stride s·P, padding p·P, each weight
 *     repeated over its P×P block.</li>
 * </ul>
 * Anything else is reported; folded weights beyond the target's weight range are reported by the
 * verification after legalization.
 */
public final class FoldPoolingIntoSynapses implements LegalizationPass {
    @Override
    public String name() {
        return "fold-pooling-into-synapses";
    }

    @Override
    public FxSynapses rewrite(FxSynapses g, String target, Origin origin, Diagnostics diagnostics) {
        if (g.pool() == null && !g.globalPool()) {
            return g;
        }
        if (g.maxPool()) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, "synapses " + g.source() + " -> "
                    + target + ": spiking max pooling cannot be expressed by this target (its synapses only sum "
                    + "spikes and it has no max-pool stage; docs/adr/0021)")
                    .withHint("run the fixed-point network in snnc simulate MODEL.fx, or use average pooling"));
            return g;
        }
        if (g.kind() == FxSynapses.Kind.DENSE) {
            return dense(g);
        }
        String why = g.kind() == FxSynapses.Kind.CONV && !g.globalPool() ? whyConvCannotFold(g) : "pooling before a "
                + g.kind().name().toLowerCase(java.util.Locale.ROOT) + " projection cannot be expressed with Lava processes";
        if (why != null) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, origin, "synapses " + g.source() + " -> "
                    + target + ": " + why));
            return g;
        }
        return conv(g);
    }

    private static FxSynapses dense(FxSynapses g) {
        Shape src = g.sourceShape();
        Shape pooled = g.pooledShape();
        int outs = g.weightShape()[0];
        int ins = (int) pooled.size();
        int size = (int) src.size();
        int c0 = src.dim(0);
        int h = src.rank() == 3 ? src.dim(1) : 1;
        int w = src.rank() == 3 ? src.dim(2) : 1;
        int ph = pooled.rank() == 3 ? pooled.dim(1) : 1;
        int pw = pooled.rank() == 3 ? pooled.dim(2) : 1;
        int[] wv = g.weights();
        int[] folded = new int[outs * size];
        for (int s = 0; s < size; s++) {
            int c = s / (h * w);
            int y = (s / w) % h;
            int x = s % w;
            for (int q = 0; q < ph * pw; q++) {
                int qy = q / pw;
                int qx = q % pw;
                if (!g.globalPool() && !covers(g.pool(), qy, qx, y, x)) {
                    continue;
                }
                int in = (c * ph + qy) * pw + qx;
                for (int o = 0; o < outs; o++) {
                    folded[o * size + s] += wv[o * ins + in];
                }
            }
        }
        if (c0 * ph * pw != ins) {
            throw new IllegalStateException("pooled shape " + pooled + " does not match " + ins + " dense inputs");
        }
        return new FxSynapses(g.source(), src, null, false, FxSynapses.Kind.DENSE, folded, new int[] {outs, size}, null, 1,
                g.weightExp());
    }

    private static boolean covers(Window2d p, int qy, int qx, int y, int x) {
        int top = qy * p.strideH() - p.padding().top();
        int left = qx * p.strideW() - p.padding().left();
        return y >= top && y < top + p.kernelH() && x >= left && x < left + p.kernelW();
    }

    private static String whyConvCannotFold(FxSynapses g) {
        Window2d p = g.pool();
        Window2d c = g.window();
        Shape src = g.sourceShape();
        int k = p.kernelH();
        boolean simple = p.kernelW() == k && p.strideH() == k && p.strideW() == k && p.padding().equals(Padding.NONE)
                && src.dim(1) % k == 0 && src.dim(2) % k == 0 && c.dilationH() == 1 && c.dilationW() == 1;
        return simple ? null : "only a non-overlapping, unpadded pool over a divisible input before an undilated conv "
                + "folds into one conv (pool " + p.describe() + ", conv " + c.describe() + ")";
    }

    private static FxSynapses conv(FxSynapses g) {
        Window2d p = g.pool();
        Window2d c = g.window();
        Shape src = g.sourceShape();
        int k = p.kernelH();
        int[] ws = g.weightShape();
        int kh = ws[2] * k;
        int kw = ws[3] * k;
        int[] wv = g.weights();
        int[] folded = new int[ws[0] * ws[1] * kh * kw];
        for (int o = 0; o < ws[0] * ws[1]; o++) {
            for (int y = 0; y < kh; y++) {
                for (int x = 0; x < kw; x++) {
                    folded[(o * kh + y) * kw + x] = wv[(o * ws[2] + y / k) * ws[3] + x / k];
                }
            }
        }
        Padding pad = c.padding();
        Window2d window = new Window2d(kh, kw, c.strideH() * k, c.strideW() * k, 1, 1,
                new Padding(pad.top() * k, pad.left() * k, pad.bottom() * k, pad.right() * k), false);
        return new FxSynapses(g.source(), src, null, false, FxSynapses.Kind.CONV, folded,
                new int[] {ws[0], ws[1], kh, kw}, window, g.groups(), g.weightExp());
    }
}
