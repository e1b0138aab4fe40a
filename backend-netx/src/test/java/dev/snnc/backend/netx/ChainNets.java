package dev.snnc.backend.netx;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small sequential fixed-point networks in netx's arithmetic (biases in steps of 64, one threshold, v starts at 0). */
final class ChainNets {
    private ChainNets() {
    }

    static int[] weights(Random r, int n, int max) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextInt(2 * max + 1) - max;
        }
        return w;
    }

    static long[] fill(int n, long v) {
        long[] a = new long[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Per-channel biases (steps of 64) unless {@code perNeuron}. */
    static FxPopulation pop(String name, Shape shape, List<FxSynapses> in, long theta, Random r, boolean perNeuron) {
        int n = (int) shape.size();
        int plane = shape.rank() == 3 ? shape.dim(1) * shape.dim(2) : 1;
        long[] bias = new long[n];
        long[] channel = new long[shape.dim(0)];
        for (int c = 0; c < channel.length; c++) {
            channel[c] = (r.nextInt(48) - 12) * 64L;
        }
        for (int i = 0; i < n; i++) {
            bias[i] = perNeuron ? (r.nextInt(48) - 12) * 64L : channel[i / plane];
        }
        return new FxPopulation(name, shape, in, fill(shape.dim(0), theta), bias, new long[n]);
    }

    static FxSynapses conv(String src, Shape srcShape, Window2d pool, Random r, int out, int in, Window2d w, int groups) {
        return new FxSynapses(src, srcShape, pool, false, FxSynapses.Kind.CONV,
                weights(r, out * (in / groups) * w.kernelH() * w.kernelW(), 100),
                new int[] {out, in / groups, w.kernelH(), w.kernelW()}, w, groups, 0);
    }

    /** image [1,6,6] → dense A [8] → dense B [6] → readout [3]. */
    static FxNetwork dense() {
        Random r = new Random(1);
        Shape img = Shape.of(1, 6, 6);
        FxSynapses in = new FxSynapses(FxInput.SOURCE, img, null, false, FxSynapses.Kind.DENSE, weights(r, 8 * 36, 50),
                new int[] {8, 36}, null, 1, 1);
        FxPopulation a = pop("a", Shape.of(8), List.of(), 60, r, false);
        FxSynapses ab = new FxSynapses("a", Shape.of(8), null, false, FxSynapses.Kind.DENSE, weights(r, 48, 120),
                new int[] {6, 8}, null, 1, 0);
        FxPopulation b = pop("b", Shape.of(6), List.of(ab), 40, r, false);
        FxSynapses out = new FxSynapses("b", Shape.of(6), null, false, FxSynapses.Kind.DENSE, weights(r, 18, 127),
                new int[] {3, 6}, null, 1, 0);
        return new FxNetwork("dense", img, List.of(new FxInput("a", in, fill(8, 300))), List.of(a, b),
                new FxNetwork.FxReadout(Shape.of(3), List.of(out), new long[] {1, 2, 3}), NetxBackend.NETX, 8,
                Map.of("test", "dense"));
    }

    /**
     * image [1,8,8] → A [4,8,8] (host 3x3 conv, pad 1) → depthwise 3x3 → B [4,8,8] (biases per neuron)
     * → 2x2 sum-pool folded into a 3x3 conv → C [6,4,4] → 3x3 conv in 2 groups, stride 2, dilation 2, pad 2
     * → D [6,2,2] → dense E [10] → readout [3].
     */
    static FxNetwork conv() {
        Random r = new Random(2);
        Shape img = Shape.of(1, 8, 8);
        Shape sa = Shape.of(4, 8, 8);
        Shape sc = Shape.of(6, 4, 4);
        Shape sd = Shape.of(6, 2, 2);
        FxSynapses in = new FxSynapses(FxInput.SOURCE, img, null, false, FxSynapses.Kind.CONV, weights(r, 4 * 9, 60),
                new int[] {4, 1, 3, 3}, Window2d.of(3, 1, 1), 1, 2);
        FxPopulation a = pop("a", sa, List.of(), 50, r, false);
        FxPopulation b = pop("b", sa, List.of(conv("a", sa, null, r, 4, 4, Window2d.of(3, 1, 1), 4)), 60, r, true);
        FxPopulation c = pop("c", sc, List.of(conv("b", sa, Window2d.of(2, 2, 0), r, 6, 4, Window2d.of(3, 1, 1), 1)), 90,
                r, false);
        Window2d dilated = new Window2d(3, 3, 2, 2, 2, 2, new Padding(2, 2, 2, 2), false);
        FxPopulation d = pop("d", sd, List.of(conv("c", sc, null, r, 6, 6, dilated, 2)), 70, r, false);
        FxSynapses de = new FxSynapses("d", sd, null, false, FxSynapses.Kind.DENSE, weights(r, 10 * 24, 90),
                new int[] {10, 24}, null, 1, 0);
        FxPopulation e = pop("e", Shape.of(10), List.of(de), 50, r, false);
        FxSynapses out = new FxSynapses("e", Shape.of(10), null, false, FxSynapses.Kind.DENSE, weights(r, 30, 127),
                new int[] {3, 10}, null, 1, 0);
        return new FxNetwork("conv", img, List.of(new FxInput("a", in, fill((int) sa.size(), 500))), List.of(a, b, c, d, e),
                new FxNetwork.FxReadout(Shape.of(3), List.of(out), new long[] {-4, 0, 4}), NetxBackend.NETX, 8,
                Map.of("test", "conv"));
    }

    /** image [1,6,6] → A [4,6,6] → conv B [3,3,3] (stride 2) → global pool → readout [3]. */
    static FxNetwork globalPoolReadout() {
        Random r = new Random(3);
        Shape img = Shape.of(1, 6, 6);
        Shape sa = Shape.of(4, 6, 6);
        Shape sb = Shape.of(3, 3, 3);
        FxSynapses in = new FxSynapses(FxInput.SOURCE, img, null, false, FxSynapses.Kind.CONV, weights(r, 4 * 9, 60),
                new int[] {4, 1, 3, 3}, Window2d.of(3, 1, 1), 1, 2);
        FxPopulation a = pop("a", sa, List.of(), 40, r, false);
        FxPopulation b = pop("b", sb, List.of(conv("a", sa, null, r, 3, 4, Window2d.of(3, 2, 1), 1)), 60, r, false);
        FxSynapses out = new FxSynapses("b", sb, null, true, FxSynapses.Kind.DENSE, weights(r, 9, 127), new int[] {3, 3},
                null, 1, 0);
        return new FxNetwork("gpool", img, List.of(new FxInput("a", in, fill((int) sa.size(), 200))), List.of(a, b),
                new FxNetwork.FxReadout(Shape.of(3), List.of(out), new long[3]), NetxBackend.NETX, 8, Map.of("test", "gpool"));
    }
}
