package dev.snnc.backend.loihi;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small fixed-point networks for backend tests, with seeded weights in the target's range. */
final class SmallNets {
    static final TargetSpec SUBTRACTIVE = TargetProfiles.LOIHI2.withReset(TargetSpec.Reset.SUBTRACT);

    private SmallNets() {
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
        java.util.Arrays.fill(a, v);
        return a;
    }

    static FxSynapses conv(String src, Shape srcShape, Random r, int out, int in, int k, Window2d w, int groups) {
        return new FxSynapses(src, srcShape, null, false, FxSynapses.Kind.CONV, weights(r, out * (in / groups) * k * k, 100),
                new int[] {out, in / groups, k, k}, w, groups, 0);
    }

    static FxPopulation pop(String name, Shape shape, List<FxSynapses> in, long theta, Random r) {
        int n = (int) shape.size();
        long[] bias = new long[n];
        for (int i = 0; i < n; i++) {
            bias[i] = (r.nextInt(64) - 16) * 64L; // representable: 13-bit mantissas times 64
        }
        long[] th = fill(shape.dim(0), theta);
        return new FxPopulation(name, shape, in, th, bias, fill(n, theta * 32));
    }

    static FxInput input(String pop, Shape image, Shape target, Random r) {
        FxSynapses s = new FxSynapses(FxInput.SOURCE, image, null, false, FxSynapses.Kind.CONV, weights(r, target.dim(0) * 9, 60),
                new int[] {target.dim(0), 1, 3, 3}, Window2d.of(3, 1, 1), 1, 2);
        return new FxInput(pop, s, fill((int) target.size(), 500));
    }

    /** image [1,6,6] → dense A [8] → dense B [4] → readout [3]. */
    static FxNetwork dense(TargetSpec target) {
        Random r = new Random(1);
        Shape img = Shape.of(1, 6, 6);
        FxSynapses in = new FxSynapses(FxInput.SOURCE, img, null, false, FxSynapses.Kind.DENSE, weights(r, 8 * 36, 50),
                new int[] {8, 36}, null, 1, 1);
        FxPopulation a = pop("a", Shape.of(8), List.of(), 60, r);
        FxSynapses ab = new FxSynapses("a", Shape.of(8), null, false, FxSynapses.Kind.DENSE, weights(r, 32, 120),
                new int[] {4, 8}, null, 1, -1);
        FxPopulation b = pop("b", Shape.of(4), List.of(ab), 40, r);
        FxSynapses out = new FxSynapses("b", Shape.of(4), null, false, FxSynapses.Kind.DENSE, weights(r, 12, 127),
                new int[] {3, 4}, null, 1, 2);
        return new FxNetwork("dense", img, List.of(new FxInput("a", in, fill(8, 300))), List.of(a, b),
                new FxNetwork.FxReadout(Shape.of(3), List.of(out), new long[] {1, 2, 3}), target, 8, Map.of("test", "dense"));
    }

    /** image → conv A [4,6,6] → grouped conv, stride 2, pad 1 → B [4,3,3] → global pool → readout [3]. */
    static FxNetwork conv(TargetSpec target) {
        Random r = new Random(2);
        Shape img = Shape.of(1, 6, 6);
        Shape sa = Shape.of(4, 6, 6);
        Shape sb = Shape.of(4, 3, 3);
        FxPopulation a = pop("a", sa, List.of(), 50, r);
        FxPopulation b = pop("b", sb, List.of(conv("a", sa, r, 4, 4, 3, Window2d.of(3, 2, 1), 2)), 70, r);
        FxSynapses out = new FxSynapses("b", sb, null, true, FxSynapses.Kind.DENSE, weights(r, 12, 127), new int[] {3, 4},
                null, 1, 0);
        return new FxNetwork("conv", img, List.of(input("a", img, sa, r)), List.of(a, b),
                new FxNetwork.FxReadout(Shape.of(3), List.of(out), new long[3]), target, 8, Map.of("test", "conv"));
    }

    /**
     * image → A [4,6,6] → depthwise B → C = pointwise(B) + identity(A); C → 2x2 sum-pool → conv D
     * [2,3,3]; D → readout.
     */
    static FxNetwork residual(TargetSpec target) {
        Random r = new Random(3);
        Shape img = Shape.of(1, 6, 6);
        Shape s = Shape.of(4, 6, 6);
        FxPopulation a = pop("a", s, List.of(), 50, r);
        FxPopulation b = pop("b", s, List.of(conv("a", s, r, 4, 4, 3, Window2d.of(3, 1, 1), 4)), 60, r);
        FxSynapses identity = new FxSynapses("a", s, null, false, FxSynapses.Kind.IDENTITY, new int[] {30, -20, 50, 10},
                new int[] {4}, null, 1, 0);
        FxPopulation c = pop("c", s, List.of(conv("b", s, r, 4, 4, 1, Window2d.of(1, 1, 0), 1), identity), 80, r);
        FxSynapses pooled = new FxSynapses("c", s, Window2d.of(2, 2, 0), false, FxSynapses.Kind.CONV,
                weights(r, 2 * 4 * 9, 30), new int[] {2, 4, 3, 3}, Window2d.of(3, 1, 1), 1, 0);
        FxPopulation d = pop("d", Shape.of(2, 3, 3), List.of(pooled), 60, r);
        FxSynapses out = new FxSynapses("d", Shape.of(2, 3, 3), null, false, FxSynapses.Kind.DENSE, weights(r, 3 * 18, 127),
                new int[] {3, 18}, null, 1, 0);
        return new FxNetwork("residual", img, List.of(input("a", img, s, r)), List.of(a, b, c, d),
                new FxNetwork.FxReadout(Shape.of(3), List.of(out), new long[3]), target, 8, Map.of("test", "residual"));
    }

    /**
     * Threshold groups as the quantizer makes them for a stock LIF (one vth per process): image → A
     * as two populations A.g0 [3,6,6] and A.g1 [2,6,6] with their own thresholds → depthwise, part by
     * part → B.g0, B.g1 → C [4,6,6] = conv(B.g0) + conv(B.g1) → D.g0 [2,6,6], D.g1 [2,6,6] →
     * readout = dense(D.g0) + dense(D.g1).
     */
    static FxNetwork thresholdGroups(TargetSpec target) {
        Random r = new Random(4);
        Shape img = Shape.of(1, 6, 6);
        Shape s3 = Shape.of(3, 6, 6);
        Shape s2 = Shape.of(2, 6, 6);
        Shape s4 = Shape.of(4, 6, 6);
        FxPopulation a0 = pop("a.g0", s3, List.of(), 50, r);
        FxPopulation a1 = pop("a.g1", s2, List.of(), 9, r);
        FxPopulation b0 = pop("b.g0", s3, List.of(conv("a.g0", s3, r, 3, 3, 3, Window2d.of(3, 1, 1), 3)), 140, r);
        FxPopulation b1 = pop("b.g1", s2, List.of(conv("a.g1", s2, r, 2, 2, 3, Window2d.of(3, 1, 1), 2)), 35, r);
        FxPopulation c = pop("c", s4, List.of(conv("b.g0", s3, r, 4, 3, 1, Window2d.of(1, 1, 0), 1),
                conv("b.g1", s2, r, 4, 2, 1, Window2d.of(1, 1, 0), 1)), 90, r);
        FxPopulation d0 = pop("d.g0", s2, List.of(conv("c", s4, r, 2, 4, 3, Window2d.of(3, 1, 1), 1)), 200, r);
        FxPopulation d1 = pop("d.g1", s2, List.of(conv("c", s4, r, 2, 4, 3, Window2d.of(3, 1, 1), 1)), 70, r);
        List<FxSynapses> out = List.of(
                new FxSynapses("d.g0", s2, null, false, FxSynapses.Kind.DENSE, weights(r, 3 * 72, 127), new int[] {3, 72},
                        null, 1, 0),
                new FxSynapses("d.g1", s2, null, false, FxSynapses.Kind.DENSE, weights(r, 3 * 72, 127), new int[] {3, 72},
                        null, 1, 0));
        return new FxNetwork("threshold-groups", img, List.of(input("a.g0", img, s3, r), input("a.g1", img, s2, r)),
                List.of(a0, a1, b0, b1, c, d0, d1), new FxNetwork.FxReadout(Shape.of(3), out, new long[] {4, 0, -4}), target,
                8, Map.of("test", "threshold-groups"));
    }

    /** Seeded random pixel bytes. */
    static ImageSet images(int n, Shape shape, long seed) {
        return dev.snnc.ir.InMemoryImages.random(n, shape, 10, seed);
    }
}
