package dev.snnc.backend.fpga;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetProfiles;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Small networks for the fpga profile with seeded weights, and random pixel images. */
final class FpgaNets {
    private FpgaNets() {
    }

    static int[] weights(Random r, int n, int max) {
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = r.nextInt(2 * max + 1) - max;
        }
        return w;
    }

    static long[] random(Random r, int n, int lo, int hi) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = lo + r.nextInt(hi - lo + 1);
        }
        return a;
    }

    static FxPopulation pop(String name, Shape shape, List<FxSynapses> in, Random r) {
        int n = (int) shape.size();
        return new FxPopulation(name, shape, in, random(r, shape.dim(0), 200, 400), random(r, n, -40, 60),
                random(r, n, 0, 150));
    }

    static FxInput input(String pop, Shape image, Shape target, Random r, int k, int stride) {
        int cin = image.dim(0);
        FxSynapses s = new FxSynapses(FxInput.SOURCE, image, null, false, FxSynapses.Kind.CONV,
                weights(r, target.dim(0) * cin * k * k, 60), new int[] {target.dim(0), cin, k, k}, Window2d.of(k, stride, k / 2),
                1, -4);
        return new FxInput(pop, s, random(r, (int) target.size(), -300, 300));
    }

    /** image [2,8,8] → conv 3x3 stride 2 A [6,4,4] → conv 3x3 pad 1 (groups 2, shift 1) B [4,4,4] → global pool → readout [5]. */
    static FxNetwork smallConv() {
        Random r = new Random(21);
        Shape img = Shape.of(2, 8, 8);
        Shape sa = Shape.of(6, 4, 4);
        Shape sb = Shape.of(4, 4, 4);
        FxPopulation a = pop("a", sa, List.of(), r);
        FxSynapses ab = new FxSynapses("a", sa, null, false, FxSynapses.Kind.CONV, weights(r, 4 * 3 * 9, 100),
                new int[] {4, 3, 3, 3}, Window2d.of(3, 1, 1), 2, 1);
        FxPopulation b = pop("b", sb, List.of(ab), r);
        FxSynapses out = new FxSynapses("b", sb, null, true, FxSynapses.Kind.DENSE, weights(r, 5 * 4, 127), new int[] {5, 4},
                null, 1, 2);
        return new FxNetwork("small-conv", img, List.of(input("a", img, sa, r, 3, 2)), List.of(a, b),
                new FxNetwork.FxReadout(Shape.of(5), List.of(out), random(r, 5, -20, 20)), TargetProfiles.FPGA, 6,
                Map.of("test", "small-conv"));
    }

    /**
     * A depthwise-separable block with a residual: image [1,6,6] → A [4,6,6]; depthwise 3x3 → B;
     * C = pointwise(B) + identity(A); C → 2x2 sum-pool → dense → D [6] → readout [3].
     */
    static FxNetwork separable() {
        Random r = new Random(22);
        Shape img = Shape.of(1, 6, 6);
        Shape s = Shape.of(4, 6, 6);
        FxPopulation a = pop("a", s, List.of(), r);
        FxSynapses dw = new FxSynapses("a", s, null, false, FxSynapses.Kind.CONV, weights(r, 4 * 9, 120),
                new int[] {4, 1, 3, 3}, Window2d.of(3, 1, 1), 4, 0);
        FxPopulation b = pop("b", s, List.of(dw), r);
        FxSynapses pw = new FxSynapses("b", s, null, false, FxSynapses.Kind.CONV, weights(r, 16, 120), new int[] {4, 4, 1, 1},
                Window2d.of(1, 1, 0), 1, 0);
        FxSynapses id = new FxSynapses("a", s, null, false, FxSynapses.Kind.IDENTITY, new int[] {90, 60, -30, 120},
                new int[] {4}, null, 1, 0);
        FxPopulation c = pop("c", s, List.of(pw, id), r);
        FxSynapses pooled = new FxSynapses("c", s, Window2d.of(2, 2, 0), false, FxSynapses.Kind.DENSE, weights(r, 6 * 36, 60),
                new int[] {6, 36}, null, 1, 1);
        FxPopulation d = pop("d", Shape.of(6), List.of(pooled), r);
        FxSynapses out = new FxSynapses("d", Shape.of(6), null, false, FxSynapses.Kind.DENSE, weights(r, 18, 127),
                new int[] {3, 6}, null, 1, 0);
        return new FxNetwork("separable", img, List.of(input("a", img, s, r, 3, 1)), List.of(a, b, c, d),
                new FxNetwork.FxReadout(Shape.of(3), List.of(out), new long[3]), TargetProfiles.FPGA, 6,
                Map.of("test", "separable"));
    }

    /**
     * {@code net} with each population's initial potential and constant current equal within a channel
     * (the channel's first neuron's), as convolution biases give: the engine then keeps them per channel.
     */
    static FxNetwork channelUniform(FxNetwork net) {
        List<FxPopulation> pops = new java.util.ArrayList<>();
        for (FxPopulation p : net.populations()) {
            int plane = (int) (p.shape().size() / p.shape().dim(0));
            long[] v0 = p.initialV();
            long[] bias = p.bias();
            for (int n = 0; n < v0.length; n++) {
                v0[n] = v0[n - n % plane];
                bias[n] = bias[n - n % plane];
            }
            pops.add(new FxPopulation(p.name(), p.shape(), p.inputs(), p.threshold(), bias, v0));
        }
        return new FxNetwork(net.name() + "-channel-init", net.inputShape(), net.inputs(), pops, net.readout(), net.target(),
                net.timesteps(), net.provenance());
    }

    /** Seeded random pixel bytes. */
    static ImageSet images(int n, Shape shape, long seed) {
        return dev.snnc.ir.InMemoryImages.random(n, shape, 10, seed);
    }
}
