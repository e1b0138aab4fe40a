package dev.snnc.cli;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A small fixed-point network with every construct the backends legalize (pooling folded into a
 * conv, a residual identity, dense readout), with seeded values inside loihi2's and fpga's ranges.
 * image [1,6,6] -> a [4,6,6] (host/engine first layer) -> 2x2 sum-pool + 3x3 conv -> b [4,3,3]
 * -> 1x1 conv + identity from b -> c [4,3,3] -> dense readout [3].
 */
final class SmallFxNets {
    private SmallFxNets() {
    }

    static FxNetwork residual(TargetSpec target) {
        Random r = new Random(7);
        Shape img = Shape.of(1, 6, 6);
        Shape sa = Shape.of(4, 6, 6);
        Shape sb = Shape.of(4, 3, 3);
        FxSynapses in = new FxSynapses(FxInput.SOURCE, img, null, false, FxSynapses.Kind.CONV, weights(r, 36, 60),
                new int[] {4, 1, 3, 3}, Window2d.of(3, 1, 1), 1, 2);
        FxPopulation a = pop("a", sa, List.of(), r);
        FxSynapses ab = new FxSynapses("a", sa, Window2d.of(2, 2, 0), false, FxSynapses.Kind.CONV, weights(r, 4 * 4 * 9, 30),
                new int[] {4, 4, 3, 3}, Window2d.of(3, 1, 1), 1, 0);
        FxPopulation b = pop("b", sb, List.of(ab), r);
        FxSynapses bc = new FxSynapses("b", sb, null, false, FxSynapses.Kind.CONV, weights(r, 16, 100), new int[] {4, 4, 1, 1},
                Window2d.of(1, 1, 0), 1, 0);
        FxSynapses skip = new FxSynapses("b", sb, null, false, FxSynapses.Kind.IDENTITY, weights(r, 4, 100), new int[] {4},
                null, 1, 0);
        FxPopulation c = pop("c", sb, List.of(bc, skip), r);
        FxSynapses out = new FxSynapses("c", sb, null, false, FxSynapses.Kind.DENSE, weights(r, 3 * 36, 127),
                new int[] {3, 36}, null, 1, 1);
        return new FxNetwork("small", img, List.of(new FxInput("a", in, fill(144, 500))), List.of(a, b, c),
                new FxNetwork.FxReadout(Shape.of(3), List.of(out), new long[] {1, 2, 3}), target, 8, Map.of("test", "small"));
    }

    private static FxPopulation pop(String name, Shape shape, List<FxSynapses> in, Random r) {
        int n = (int) shape.size();
        long[] bias = new long[n];
        for (int i = 0; i < n; i++) {
            bias[i] = (r.nextInt(64) - 16) * 64L; // 13-bit mantissas times 64: representable on Loihi, within fpga's 16 bits
        }
        long[] th = new long[shape.dim(0)];
        for (int c = 0; c < th.length; c++) {
            th[c] = 200 + 50 * c;
        }
        return new FxPopulation(name, shape, in, th, bias, fill(n, 100));
    }

    private static int[] weights(Random r, int n, int max) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextInt(2 * max + 1) - max;
        }
        return w;
    }

    private static long[] fill(int n, long v) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
