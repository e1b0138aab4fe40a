package dev.snnc.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetProfiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The integer spiking max pool (docs/adr/0021) against an independent computation from the source's
 * recorded spikes: population {@code a} (random drives) is max-pooled into {@code b} through identity
 * synapses with θ = 1, so b fires exactly at the pool's events; at every step these must be the
 * windows whose running maximum of a's spike counts grew, and the readout (b's counts) the final maxima.
 */
class SpikingMaxPoolSimTest {
    private static final int C = 2;
    private static final int H = 6;
    private static final int W = 6;
    private static final int T = 20;

    @Test
    void eventsAreExactlyTheGrowthsOfTheRunningWindowMaxima() {
        check(new Window2d(2, 2, 2, 2, 1, 1, Padding.NONE, false));
        check(new Window2d(3, 3, 2, 2, 1, 1, new Padding(1, 1, 1, 1), false));
    }

    private static void check(Window2d window) {
        Shape src = Shape.of(C, H, W);
        Shape pooled = FxSynapses.pooledShape(src, window, false);
        int n = (int) src.size();
        int m = (int) pooled.size();
        long[] bias = new long[n];
        Random r = new Random(11);
        for (int i = 0; i < n; i++) {
            bias[i] = r.nextInt(17); // rates 0 .. 1 spike per step at θ = 16
        }
        FxPopulation a = new FxPopulation("a", src, List.of(), new long[] {16, 16}, bias, new long[n]);
        FxSynapses pool = new FxSynapses("a", src, window, false, FxSynapses.Kind.IDENTITY, new int[] {1, 1}, new int[] {C},
                null, 1, 0, true);
        FxPopulation b = new FxPopulation("b", pooled, List.of(pool), new long[] {1, 1}, new long[m], new long[m]);
        int[] eye = new int[m * m];
        for (int i = 0; i < m; i++) {
            eye[i * m + i] = 1;
        }
        FxSynapses readout = new FxSynapses("b", pooled, null, false, FxSynapses.Kind.DENSE, eye, new int[] {m, m}, null, 1, 0);
        FxNetwork net = new FxNetwork("maxpool", Shape.of(1, 1, 1), List.of(), List.of(a, b),
                new FxNetwork.FxReadout(Shape.of(m), List.of(readout), new long[m]), TargetProfiles.IDEAL, T, Map.of());
        dev.snnc.ir.diag.Diagnostics d = new dev.snnc.ir.diag.Diagnostics();
        net.verify(d);
        d.throwIfAny();

        List<int[]> aSpikes = new ArrayList<>();
        List<int[]> bSpikes = new ArrayList<>();
        long[] logits = new FxSimulator(net).trace(new float[1], (t, p, spikes, count, u, v) -> {
            int[] sorted = Arrays.copyOf(spikes, count);
            Arrays.sort(sorted);
            (p == 0 ? aSpikes : bSpikes).add(sorted);
        });

        int[] counts = new int[n];
        int[] max = new int[m];
        for (int t = 0; t < T; t++) {
            for (int s : aSpikes.get(t)) {
                counts[s]++;
            }
            List<Integer> grew = new ArrayList<>();
            for (int o = 0; o < m; o++) {
                int best = windowMax(counts, window, pooled, o);
                if (best > max[o]) {
                    grew.add(o);
                    assertEquals(max[o] + 1, best, "a window's maximum grows by one count per step at most");
                    max[o] = best;
                }
            }
            assertArrayEquals(grew.stream().mapToInt(Integer::intValue).toArray(), bSpikes.get(t),
                    "step " + t + " window " + window);
        }
        long[] expected = Arrays.stream(max).asLongStream().toArray();
        assertArrayEquals(expected, logits);
    }

    private static int windowMax(int[] counts, Window2d p, Shape pooled, int o) {
        int ph = pooled.dim(1);
        int pw = pooled.dim(2);
        int c = o / (ph * pw);
        int oy = (o / pw) % ph;
        int ox = o % pw;
        int best = 0;
        for (int ky = 0; ky < p.kernelH(); ky++) {
            for (int kx = 0; kx < p.kernelW(); kx++) {
                int y = oy * p.strideH() - p.padding().top() + ky;
                int x = ox * p.strideW() - p.padding().left() + kx;
                if (y >= 0 && y < H && x >= 0 && x < W) {
                    best = Math.max(best, counts[(c * H + y) * W + x]);
                }
            }
        }
        return best;
    }
}
