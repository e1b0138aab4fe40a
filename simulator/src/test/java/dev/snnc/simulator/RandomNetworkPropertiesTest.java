package dev.snnc.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxInputEncoding;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.loihi.LoihiArithmetic;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * The event-driven simulator against a direct, dense restatement of the documented semantics, on
 * random small networks (a conv population on an integer first layer, a second conv or depthwise
 * population with optional 2x2 sum-pooling, a dense readout; 2 to 12 channels, so the update's
 * vector path and its scalar tail both run) under every profile: for Loihi with reset to zero the
 * reference uses {@link LoihiArithmetic#lifStep} itself. The image enters as analog current or as
 * rate-coded pixel spikes (the reference derives each pixel's spikes from the closed form
 * {@code floor(1/2 + t·b/F)}). Spikes and potentials of every population at every step and the
 * readout sums must be identical.
 */
class RandomNetworkPropertiesTest {
    @Property(tries = 60)
    void eventDrivenSimulationEqualsTheDirectDefinition(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                        @ForAll @IntRange(min = 0, max = 4) int profile,
                                                        @ForAll boolean rateInput) {
        TargetSpec target = profile(profile);
        Random r = new Random(seed);
        FxNetwork net = randomNetwork(r, target);
        if (rateInput) {
            net = new FxNetwork(net.name(), net.inputShape(), net.inputs(), net.populations(), net.readout(), net.target(),
                    net.timesteps(), net.provenance(), FxInputEncoding.rate(1 + r.nextInt(255)));
        }
        assertSameAsDirect(net, randomPixels(r, net));
    }

    /**
     * Thresholds the fast paths cannot take exactly: |θ| = 1.5·2^62 on the ideal profile (v − θ
     * would overflow the vector path's sign test) and θ = −2^31 on fpga (the reset would leave
     * int potentials). The simulator must notice and stay exact.
     */
    @Example
    void thresholdsOutsideTheFastPathsRangesStayExact() {
        for (int seed = 0; seed < 20; seed++) {
            Random r = new Random(seed);
            boolean ideal = seed % 2 == 0;
            FxNetwork net = randomNetwork(r, profile(ideal ? 0 : 1));
            long theta = ideal ? (seed % 4 == 0 ? 3L << 61 : -(3L << 61)) : -(1L << 31);
            List<FxPopulation> pops = new ArrayList<>();
            for (FxPopulation p : net.populations()) {
                long[] th = p.threshold();
                th[r.nextInt(th.length)] = theta;
                pops.add(new FxPopulation(p.name(), p.shape(), p.inputs(), th, p.bias(), p.initialV()));
            }
            net = new FxNetwork(net.name(), net.inputShape(), net.inputs(), pops, net.readout(), net.target(),
                    net.timesteps(), net.provenance());
            assertSameAsDirect(net, randomPixels(r, net));
        }
    }

    private static float[] randomPixels(Random r, FxNetwork net) {
        float[] pixels = new float[(int) net.inputShape().size()];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = r.nextInt(256);
        }
        return pixels;
    }

    /** Spikes and potentials of every population at every step, and the readout sums: event-driven simulator vs {@link DirectSimulation}. */
    private static void assertSameAsDirect(FxNetwork net, float[] pixels) {
        List<String> fast = new ArrayList<>();
        long[] logits = new FxSimulator(net).trace(pixels, (t, p, s, n, u, v) -> {
            int[] sorted = java.util.Arrays.copyOf(s, n);
            java.util.Arrays.sort(sorted);
            fast.add(t + ":" + p + ":" + java.util.Arrays.toString(sorted) + " v=" + java.util.Arrays.toString(v));
        });
        List<String> slow = new ArrayList<>();
        long[] expected = new DirectSimulation(net).run(pixels, slow);
        assertEquals(slow, fast);
        assertArrayEquals(expected, logits);
    }

    /**
     * The profiles the properties run under: ideal, fpga, loihi2 (stock reset to zero), loihi2
     * subtractive, and a loihi2-like profile with a 10-bit current and 8-bit conv sums, on which
     * these networks' sums do wrap (on the real widths they never reach 2^23).
     */
    static TargetSpec profile(int index) {
        return switch (index) {
            case 0 -> TargetProfiles.IDEAL;
            case 1 -> TargetProfiles.FPGA;
            case 2 -> TargetProfiles.LOIHI2;
            case 3 -> TargetProfiles.LOIHI2.withReset(TargetSpec.Reset.SUBTRACT);
            default -> NARROW_WRAPPING;
        };
    }

    static final TargetSpec NARROW_WRAPPING = new TargetSpec("loihi2", new TargetSpec.Arithmetic(8, -7, 7, true, 6, 10, 24, 17,
            6, 13, 7, true, TargetSpec.Reset.SUBTRACT, 1, 8, false, false), TargetProfiles.LOIHI2.limits(),
            TargetProfiles.LOIHI2.energy(), "test: narrow current and conv widths");

    static FxNetwork randomNetwork(Random r, TargetSpec target) {
        boolean loihi = target.id().startsWith("loihi");
        int wmax = loihi ? 127 : 60;
        Shape img = Shape.of(1, 6, 6);
        int ca = 2 + r.nextInt(11);
        Shape sa = Shape.of(ca, 6, 6);
        boolean depthwise = r.nextInt(3) == 0;
        int cb = depthwise ? ca : 2 + r.nextInt(11);
        Shape sb = Shape.of(cb, 6, 6);
        boolean pool = r.nextBoolean();
        Shape pooled = pool ? Shape.of(ca, 3, 3) : sa;
        Shape sbReal = pool ? Shape.of(cb, 3, 3) : sb;
        long thetaScale = loihi ? 1 : 64; // Loihi compares with vth << 6
        FxSynapses in = new FxSynapses(FxInput.SOURCE, img, null, false, FxSynapses.Kind.CONV, ints(r, ca * 9, 20),
                new int[] {ca, 1, 3, 3}, Window2d.of(3, 1, 1), 1, r.nextInt(3) - 2);
        FxPopulation a = new FxPopulation("a", sa, List.of(), longs(r, ca, 40 * thetaScale, 200 * thetaScale),
                longs(r, (int) sa.size(), -300, 300), longs(r, (int) sa.size(), 0, 500));
        int exp = loihi ? 0 : r.nextInt(3);
        FxSynapses ab = new FxSynapses("a", sa, pool ? Window2d.of(2, 2, 0) : null, false, FxSynapses.Kind.CONV,
                ints(r, cb * (depthwise ? 1 : ca) * 9, wmax), new int[] {cb, depthwise ? 1 : ca, 3, 3}, Window2d.of(3, 1, 1),
                depthwise ? ca : 1, exp);
        long[] biasB = longs(r, (int) sbReal.size(), -200, 400);
        if (r.nextBoolean()) { // one bias per channel, as calibrated layers have (the update's uniform-bias path)
            int plane = (int) (sbReal.size() / cb);
            for (int k = 0; k < biasB.length; k++) {
                biasB[k] = biasB[k - k % plane];
            }
        }
        FxPopulation b = new FxPopulation("b", sbReal, List.of(ab), longs(r, cb, 30 * thetaScale, 150 * thetaScale),
                biasB, new long[(int) sbReal.size()]);
        FxSynapses out = new FxSynapses("b", sbReal, null, true, FxSynapses.Kind.DENSE, ints(r, 3 * cb, 100),
                new int[] {3, cb}, null, 1, r.nextInt(3) - 1);
        FxNetwork net = new FxNetwork("random", img, List.of(new FxInput("a", in, longs(r, (int) sa.size(), -500, 500))),
                List.of(a, b), new FxNetwork.FxReadout(Shape.of(3), List.of(out), longs(r, 3, -5, 5)), target,
                3 + r.nextInt(6), Map.of());
        if (pooled.size() == 0) {
            throw new IllegalStateException();
        }
        return net;
    }

    static int[] ints(Random r, int n, int max) {
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextInt(2 * max + 1) - max;
        }
        return v;
    }

    static long[] longs(Random r, int n, long lo, long hi) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (long) (r.nextDouble() * (hi - lo));
        }
        return v;
    }

    /** The semantics of simulator/README.md, computed densely, neuron by neuron, without events. */
    static final class DirectSimulation {
        final FxNetwork net;
        final TargetSpec.Arithmetic a;

        DirectSimulation(FxNetwork net) {
            this.net = net;
            this.a = net.target().arithmetic();
        }

        long[] run(float[] pixels, List<String> log) {
            int pops = net.populations().size();
            long[][] v = new long[pops][];
            int[][] u = new int[pops][];
            long[][] current = new long[pops][];
            boolean[][] spikes = new boolean[pops][];
            boolean[][] previous = new boolean[pops][];
            for (int p = 0; p < pops; p++) {
                FxPopulation pop = net.populations().get(p);
                v[p] = pop.initialV();
                u[p] = new int[v[p].length];
                current[p] = pop.bias();
                spikes[p] = new boolean[v[p].length];
                previous[p] = new boolean[v[p].length];
            }
            boolean rate = net.inputEncoding().isRate();
            for (FxInput in : net.inputs()) {
                int p = net.populations().indexOf(net.population(in.population()));
                long[] sum = rate ? new long[v[p].length]
                        : project(in.synapses(), pixelValues(pixels), net.populations().get(p).shape(), false);
                for (int k = 0; k < sum.length; k++) {
                    current[p][k] = a.representableBias(current[p][k] + sum[k] + in.bias()[k]);
                }
            }
            int delay = a.synapticDelay();
            // a->b and b->readout: two synaptic layers after the first; rate-coded pixels add the first
            int steps = net.timesteps() + (rate ? 3 : 2) * delay;
            long[] logits = new long[(int) net.readout().shape().size()];
            for (int t = 0; t < steps; t++) {
                for (int p = 0; p < pops; p++) {
                    previous[p] = spikes[p].clone();
                }
                // pixel spikes emitted at step t (0-based), arriving at t + delay
                long[] pixelSpikes = rate ? pixelSpikes(pixels, net.inputEncoding().fullScale(), t - delay) : null;
                for (int p = 0; p < pops; p++) {
                    FxPopulation pop = net.populations().get(p);
                    long[] input = new long[v[p].length];
                    for (FxInput in : net.inputs()) {
                        if (rate && in.population().equals(pop.name())) {
                            long[] s = project(in.synapses(), pixelSpikes, pop.shape(), true);
                            for (int k = 0; k < input.length; k++) {
                                input[k] += s[k];
                            }
                        }
                    }
                    for (FxSynapses g : pop.inputs()) {
                        int src = net.populations().indexOf(net.population(g.source()));
                        long[] s = project(g, counts(delay > 0 ? previous[src] : spikes[src]), pop.shape(), true);
                        for (int k = 0; k < input.length; k++) {
                            input[k] += s[k];
                        }
                    }
                    List<Integer> fired = new ArrayList<>();
                    int plane = pop.plane();
                    for (int k = 0; k < input.length; k++) {
                        boolean fire;
                        if (a.reset() == TargetSpec.Reset.ZERO) {
                            int[] uv = {u[p][k], (int) v[p][k]};
                            fire = LoihiArithmetic.lifStep(uv, 4095, 0, (int) pop.threshold(k / plane), (int) current[p][k], 0,
                                    (int) input[k]);
                            u[p][k] = uv[0];
                            v[p][k] = uv[1];
                        } else {
                            long x = v[p][k] + wrapOnce(input[k] << a.inputShift(), a.currentBits()) + current[p][k];
                            long max = a.maxVoltage();
                            x = Math.max(-max, Math.min(max, x));
                            long theta = pop.threshold(k / plane) << a.thresholdShift();
                            fire = a.strictGreater() ? x > theta : x >= theta;
                            v[p][k] = fire ? x - theta : x;
                        }
                        spikes[p][k] = fire;
                        if (fire) {
                            fired.add(k);
                        }
                    }
                    log.add(t + ":" + p + ":" + fired + " v=" + java.util.Arrays.toString(v[p]));
                }
                if (t >= steps - net.timesteps()) {
                    for (FxSynapses g : net.readout().inputs()) {
                        int src = net.populations().indexOf(net.population(g.source()));
                        long[] s = project(g, counts(delay > 0 ? previous[src] : spikes[src]), net.readout().shape(), true);
                        for (int o = 0; o < logits.length; o++) {
                            logits[o] += s[o] + net.readout().bias()[o];
                        }
                    }
                }
            }
            return logits;
        }

        static long[] pixelValues(float[] px) {
            long[] v = new long[px.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.round(px[i]);
            }
            return v;
        }

        /** Which pixels fire at step t (0-based): those whose count {@code floor(1/2 + (t+1)·b/F)} grows. */
        static long[] pixelSpikes(float[] px, int fullScale, int t) {
            long[] s = new long[px.length];
            for (int i = 0; t >= 0 && i < s.length; i++) {
                double b = Math.min(fullScale, Math.round(px[i]));
                s[i] = (long) Math.floor(0.5 + (t + 1) * b / fullScale) - (long) Math.floor(0.5 + t * b / fullScale);
            }
            return s;
        }

        /** Lava's single wrap correction of u at {@code bits} (none for wide targets). */
        static long wrapOnce(long u, int bits) {
            if (bits >= 63) {
                return u;
            }
            long range = 1L << bits;
            return u > range / 2 ? u - range : u <= -range / 2 ? u + range : u;
        }

        static long[] counts(boolean[] s) {
            long[] c = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                c[i] = s[i] ? 1 : 0;
            }
            return c;
        }

        /** Sum-pool (if any), project, shift; conv outputs wrapped to the target's width when it wraps. */
        long[] project(FxSynapses g, long[] src, Shape target, boolean wrapConv) {
            long[] x = src;
            Shape in = g.sourceShape();
            if (g.globalPool()) {
                int plane = (int) (in.size() / in.dim(0));
                x = new long[in.dim(0)];
                for (int i = 0; i < src.length; i++) {
                    x[i / plane] += src[i];
                }
            } else if (g.pool() != null) {
                Shape p = g.pooledShape();
                x = new long[(int) p.size()];
                int k = g.pool().kernelH();
                for (int c = 0; c < p.dim(0); c++) {
                    for (int y = 0; y < p.dim(1); y++) {
                        for (int xx = 0; xx < p.dim(2); xx++) {
                            for (int dy = 0; dy < k; dy++) {
                                for (int dx = 0; dx < k; dx++) {
                                    x[(c * p.dim(1) + y) * p.dim(2) + xx] += src[(c * in.dim(1) + y * k + dy) * in.dim(2) + xx * k + dx];
                                }
                            }
                        }
                    }
                }
            }
            int[] w = g.weights();
            long[] out = new long[(int) target.size()];
            if (g.kind() == FxSynapses.Kind.DENSE) {
                int ins = g.weightShape()[1];
                for (int o = 0; o < out.length; o++) {
                    for (int i = 0; i < ins; i++) {
                        out[o] += (long) w[o * ins + i] * x[i];
                    }
                }
            } else {
                Shape ps = g.pooledShape();
                int[] ws = g.weightShape();
                Window2d win = g.window();
                int perGroup = ws[0] / g.groups();
                for (int o = 0; o < ws[0]; o++) {
                    int firstIn = (o / perGroup) * ws[1]; // the group's first input channel
                    for (int oy = 0; oy < target.dim(1); oy++) {
                        for (int ox = 0; ox < target.dim(2); ox++) {
                            long sum = 0;
                            for (int ci = 0; ci < ws[1]; ci++) {
                                for (int ky = 0; ky < ws[2]; ky++) {
                                    for (int kx = 0; kx < ws[3]; kx++) {
                                        int iy = oy * win.strideH() - win.padding().top() + ky;
                                        int ix = ox * win.strideW() - win.padding().left() + kx;
                                        if (iy >= 0 && iy < ps.dim(1) && ix >= 0 && ix < ps.dim(2)) {
                                            sum += (long) w[((o * ws[1] + ci) * ws[2] + ky) * ws[3] + kx]
                                                    * x[((firstIn + ci) * ps.dim(1) + iy) * ps.dim(2) + ix];
                                        }
                                    }
                                }
                            }
                            out[(o * target.dim(1) + oy) * target.dim(2) + ox] = sum;
                        }
                    }
                }
            }
            for (int o = 0; o < out.length; o++) {
                long s = g.weightExp() >= 0 ? out[o] << g.weightExp() : out[o] >> -g.weightExp();
                boolean wrap = wrapConv && g.kind() == FxSynapses.Kind.CONV && a.convWrapBits() > 0;
                out[o] = wrap ? LoihiArithmetic.wrap(s, a.convWrapBits()) : s;
            }
            return out;
        }
    }
}
