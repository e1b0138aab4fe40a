package dev.snnc.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Event-driven scatter (one event per non-zero input, weights of all its targets contiguous)
 * equals a direct cross-correlation for random geometry: stride, asymmetric padding, dilation,
 * groups (incl. depthwise), and random integer inputs.
 */
class SynapseKernelPropertiesTest {
    @Property(tries = 200)
    void convScatterEqualsDirectConvolution(@ForAll @IntRange(min = 1, max = 3) int groupsFactor,
                                            @ForAll @IntRange(min = 1, max = 3) int cinPerGroup,
                                            @ForAll @IntRange(min = 1, max = 3) int outPerGroup,
                                            @ForAll @IntRange(min = 1, max = 3) int k,
                                            @ForAll @IntRange(min = 1, max = 2) int stride,
                                            @ForAll @IntRange(min = 1, max = 2) int dilation,
                                            @ForAll @IntRange(min = 0, max = 2) int padTop,
                                            @ForAll @IntRange(min = 0, max = 1) int padLeft,
                                            @ForAll @IntRange(min = 4, max = 7) int size,
                                            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        int groups = groupsFactor;
        int cin = cinPerGroup * groups;
        int cout = outPerGroup * groups;
        Window2d w = new Window2d(k, k, stride, stride, dilation, dilation, new Padding(padTop, padLeft, 1, 0), false);
        if (dilation * (k - 1) + 1 > size + Math.min(padTop + 1, padLeft)) { // window must fit both padded axes
            return;
        }
        Shape in = Shape.of(cin, size, size);
        Shape out = Shape.of(cout, w.outputHeight(size), w.outputWidth(size));
        Random r = new Random(seed);
        int[] weights = new int[cout * cinPerGroup * k * k];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = r.nextInt(41) - 20;
        }
        int[] x = new int[(int) in.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(4) == 0 ? r.nextInt(5) : 0;
        }
        SynapseKernel kernel = new SynapseKernel(new FxSynapses("src", in, null, false, FxSynapses.Kind.CONV, weights,
                new int[] {cout, cinPerGroup, k, k}, w, groups, 0), out);
        long[] sums = new long[(int) out.size()];
        for (int i = 0; i < x.length; i++) {
            if (x[i] != 0) {
                kernel.scatter(i, x[i], sums);
            }
        }
        long[] scattered = ChannelLast.toChannelFirst(sums, cout); // every kernel sums channel-last
        assertArrayEquals(direct(weights, x, in, out, w, groups, cinPerGroup, outPerGroup), scattered);
    }

    static long[] direct(int[] wts, int[] x, Shape in, Shape out, Window2d w, int groups, int cinPerGroup, int perGroup) {
        long[] y = new long[(int) out.size()];
        int k = w.kernelH();
        for (int o = 0; o < out.dim(0); o++) {
            int g = o / perGroup;
            for (int oy = 0; oy < out.dim(1); oy++) {
                for (int ox = 0; ox < out.dim(2); ox++) {
                    long sum = 0;
                    for (int ci = 0; ci < cinPerGroup; ci++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = oy * w.strideH() - w.padding().top() + ky * w.dilationH();
                                int ix = ox * w.strideW() - w.padding().left() + kx * w.dilationW();
                                if (iy >= 0 && iy < in.dim(1) && ix >= 0 && ix < in.dim(2)) {
                                    sum += (long) wts[((o * cinPerGroup + ci) * k + ky) * k + kx]
                                            * x[((g * cinPerGroup + ci) * in.dim(1) + iy) * in.dim(2) + ix];
                                }
                            }
                        }
                    }
                    y[(o * out.dim(1) + oy) * out.dim(2) + ox] = sum;
                }
            }
        }
        return y;
    }

    @Property(tries = 100)
    void denseScatterEqualsMatrixVector(@ForAll @IntRange(min = 1, max = 12) int in,
                                        @ForAll @IntRange(min = 1, max = 12) int out,
                                        @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Random r = new Random(seed);
        int[] w = new int[in * out];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextInt(200) - 100;
        }
        SynapseKernel kernel = new SynapseKernel(new FxSynapses("src", Shape.of(in), null, false, FxSynapses.Kind.DENSE, w,
                new int[] {out, in}, null, 1, 0), Shape.of(out));
        long[] scattered = new long[out];
        long[] expected = new long[out];
        for (int i = 0; i < in; i++) {
            int count = r.nextInt(3);
            if (count > 0) {
                kernel.scatter(i, count, scattered);
            }
            for (int o = 0; o < out; o++) {
                expected[o] += (long) w[o * in + i] * count;
            }
        }
        assertArrayEquals(expected, scattered);
    }
}
