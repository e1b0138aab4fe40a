package dev.snnc.backend.loihi.mapping;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import java.util.function.IntConsumer;

/** The source neurons (snnc flat indexes) of one target neuron through one legalized synapse group. */
final class FanIn {
    private FanIn() {
    }

    static void forEachSource(FxSynapses g, Shape target, int neuron, IntConsumer source) {
        if (g.pool() != null || g.globalPool() || g.kind() == FxSynapses.Kind.IDENTITY) {
            throw new IllegalArgumentException("map legalized networks only (no pooling or identity groups)");
        }
        if (g.kind() == FxSynapses.Kind.DENSE) {
            int n = g.weightShape()[1];
            for (int s = 0; s < n; s++) {
                source.accept(s);
            }
            return;
        }
        Shape src = g.sourceShape();
        int h = src.dim(1);
        int w = src.dim(2);
        int oh = target.dim(1);
        int ow = target.dim(2);
        int o = neuron / (oh * ow);
        int oy = (neuron / ow) % oh;
        int ox = neuron % ow;
        int[] ws = g.weightShape();
        int cinPerGroup = ws[1];
        int perGroup = ws[0] / g.groups();
        int group = o / perGroup;
        Window2d win = g.window();
        for (int ci = 0; ci < cinPerGroup; ci++) {
            int c = group * cinPerGroup + ci;
            for (int ky = 0; ky < ws[2]; ky++) {
                int y = oy * win.strideH() - win.padding().top() + ky * win.dilationH();
                if (y < 0 || y >= h) {
                    continue;
                }
                for (int kx = 0; kx < ws[3]; kx++) {
                    int x = ox * win.strideW() - win.padding().left() + kx * win.dilationW();
                    if (x >= 0 && x < w) {
                        source.accept((c * h + y) * w + x);
                    }
                }
            }
        }
    }
}
