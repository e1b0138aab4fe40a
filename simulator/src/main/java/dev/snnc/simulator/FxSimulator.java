package dev.snnc.simulator;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.loihi.LoihiArithmetic;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Bit-exact, event-driven simulation of an {@link FxNetwork} under its target's arithmetic.
 * Each step, every population sums its synapse groups' contributions from the source spikes of
 * this step (no delay) or the previous one (one step of delay per synaptic layer, as in Lava), adds
 * its constant current, and updates its neurons:
 * <ul>
 * <li>reset-to-zero targets (Loihi): Lava's LIF with du = 4095, dv = 0 ({@link LoihiArithmetic}):
 *     {@code u = a_in << 6} with one wrap correction, {@code v += u + bias} saturated to 24 bits,
 *     spike if {@code v > vth << 6}, then {@code v = 0};</li>
 * <li>subtracting targets: {@code v += a_in + bias}, spike if {@code v >= θ} ({@code >} if strict),
 *     then {@code v −= θ}; v saturates to the target's voltage width.</li>
 * </ul>
 * Work is proportional to spike events times fan-out. Images run in parallel on all cores.
 */
public final class FxSimulator {
    private final FxNetwork net;
    private final TargetSpec.Arithmetic arith;
    private final List<List<SynapseKernel>> kernels = new ArrayList<>();
    private final List<SynapseKernel> readoutKernels = new ArrayList<>();
    private final Map<String, Integer> indexOf = new HashMap<>();
    private final int depth;
    private final int largestEventBuffer;

    public FxSimulator(FxNetwork net) {
        this.net = net;
        this.arith = net.target().arithmetic();
        int[] level = new int[net.populations().size()];
        for (int p = 0; p < net.populations().size(); p++) {
            FxPopulation pop = net.populations().get(p);
            indexOf.put(pop.name(), p);
            List<SynapseKernel> ks = new ArrayList<>();
            int lv = 1;
            for (FxSynapses s : pop.inputs()) {
                ks.add(new SynapseKernel(s, pop.shape()));
                lv = Math.max(lv, level[source(s)] + 1);
            }
            level[p] = lv;
            kernels.add(ks);
        }
        int readoutLevel = 1;
        for (FxSynapses s : net.readout().inputs()) {
            readoutKernels.add(new SynapseKernel(s, net.readout().shape()));
            readoutLevel = Math.max(readoutLevel, level[source(s)] + 1);
        }
        this.depth = readoutLevel;
        int largest = 1;
        for (List<SynapseKernel> ks : kernels) {
            for (SynapseKernel k : ks) {
                largest = Math.max(largest, (int) Math.max(k.pooledShape.size(), k.spec.sourceShape().size()));
            }
        }
        for (SynapseKernel k : readoutKernels) {
            largest = Math.max(largest, (int) Math.max(k.pooledShape.size(), k.spec.sourceShape().size()));
        }
        this.largestEventBuffer = largest;
    }

    private int source(FxSynapses s) {
        Integer i = indexOf.get(s.source());
        if (i == null) {
            throw new IllegalArgumentException("synapses read unknown or later population '" + s.source() + "'");
        }
        return i;
    }

    /** Steps needed for T input frames to reach the readout: T plus one per synaptic layer on delay targets. */
    public int stepsFor(int timesteps) {
        return timesteps + arith.synapticDelay() * (depth - 1);
    }

    public SimulationResult run(ImageSet data, int timesteps, IntConsumer progress) {
        int n = data.size();
        int steps = stepsFor(timesteps);
        int[] predictions = new int[n];
        AtomicLongArray spikeTotals = new AtomicLongArray(net.populations().size());
        AtomicLongArray ops = new AtomicLongArray(2);
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        IntStream.range(0, n).parallel().forEach(i -> {
            ImageRun r = new ImageRun(data.batch(i, 1, net.preprocessing()));
            long[] logits = r.simulate(timesteps, steps);
            predictions[i] = argMax(logits);
            for (int p = 0; p < r.spikeTotals.length; p++) {
                spikeTotals.addAndGet(p, r.spikeTotals[p]);
            }
            ops.addAndGet(0, r.synapticOps);
            ops.addAndGet(1, r.neuronUpdates);
            int d = done.incrementAndGet();
            if (d % 50 == 0 || d == n) {
                synchronized (progress) {
                    progress.accept(d);
                }
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += predictions[i] == data.label(i) ? 1 : 0;
        }
        Map<String, Long> spikes = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int p = 0; p < net.populations().size(); p++) {
            FxPopulation pop = net.populations().get(p);
            spikes.put(pop.name(), spikeTotals.get(p));
            rates.put(pop.name(), spikeTotals.get(p) / ((double) pop.shape().size() * steps * Math.max(n, 1)));
        }
        return new SimulationResult(n, correct, predictions, timesteps, steps, spikes, rates, ops.get(0), ops.get(1), seconds);
    }

    static int argMax(long[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    /** The state of one image's run. */
    private final class ImageRun {
        final long[][] v;
        final long[][] u;
        final long[][] bias;
        final int[][] spikes;
        final int[] spikeCount;
        final int[][] previous;
        final int[] previousCount;
        final long[] spikeTotals;
        final long[][] inputs;
        final long[] scratchAcc;
        long synapticOps;
        long neuronUpdates;

        ImageRun(float[] image) {
            int p = net.populations().size();
            v = new long[p][];
            u = new long[p][];
            bias = new long[p][];
            spikes = new int[p][];
            previous = new int[p][];
            spikeCount = new int[p];
            previousCount = new int[p];
            spikeTotals = new long[p];
            inputs = new long[p][];
            int largest = (int) net.readout().shape().size();
            Map<String, long[]> analog = net.firstLayer().currents(image);
            for (int i = 0; i < p; i++) {
                FxPopulation pop = net.populations().get(i);
                int size = (int) pop.shape().size();
                v[i] = pop.initialV();
                u[i] = new long[size];
                bias[i] = pop.bias();
                long[] extra = analog.get(pop.name());
                if (extra != null) {
                    for (int k = 0; k < size; k++) {
                        bias[i][k] += extra[k];
                    }
                }
                spikes[i] = new int[size];
                previous[i] = new int[size];
                inputs[i] = new long[size];
                largest = Math.max(largest, size);
            }
            scratchAcc = new long[largest];
        }

        long[] simulate(int timesteps, int steps) {
            long[] logits = new long[(int) net.readout().shape().size()];
            int[] idx = new int[largestEventBuffer];
            int[] cnt = new int[largestEventBuffer];
            int[] scratch = new int[largestEventBuffer];
            boolean delayed = arith.synapticDelay() > 0;
            for (int t = 0; t < steps; t++) {
                if (delayed) {
                    for (int p = 0; p < spikes.length; p++) {
                        int[] swap = previous[p];
                        previous[p] = spikes[p];
                        spikes[p] = swap;
                        previousCount[p] = spikeCount[p];
                        spikeCount[p] = 0;
                    }
                }
                for (int p = 0; p < spikes.length; p++) {
                    long[] input = inputs[p];
                    java.util.Arrays.fill(input, 0);
                    for (SynapseKernel k : kernels.get(p)) {
                        deliver(k, input, delayed, idx, cnt, scratch);
                    }
                    update(p, input);
                }
                long[] out = new long[logits.length];
                for (SynapseKernel k : readoutKernels) {
                    deliver(k, out, delayed, idx, cnt, scratch);
                }
                long[] rb = net.readout().bias();
                for (int o = 0; o < logits.length; o++) {
                    logits[o] += out[o] + rb[o];
                }
            }
            return logits;
        }

        private void deliver(SynapseKernel k, long[] target, boolean delayed, int[] idx, int[] cnt, int[] scratch) {
            int src = indexOf.get(k.spec.source());
            int[] s = delayed ? previous[src] : spikes[src];
            int sc = delayed ? previousCount[src] : spikeCount[src];
            if (sc == 0) {
                return;
            }
            int events = k.pool(s, sc, idx, cnt, scratch);
            int exp = k.spec.weightExp();
            boolean wrapConv = k.spec.kind() == FxSynapses.Kind.CONV && arith.convWrapBits() > 0;
            if (exp == 0 && !wrapConv && !k.channelLast()) { // no shift, wrap or layout change: accumulate in place
                for (int e = 0; e < events; e++) {
                    synapticOps += k.scatter(idx[e], cnt[e], target);
                }
                return;
            }
            long[] acc = scratchAcc;
            java.util.Arrays.fill(acc, 0, target.length, 0);
            for (int e = 0; e < events; e++) {
                synapticOps += k.scatter(idx[e], cnt[e], acc);
            }
            if (k.channelLast()) {
                k.toChannelFirst(acc, target, exp, wrapConv ? arith.convWrapBits() : 0);
                return;
            }
            for (int o = 0; o < target.length; o++) {
                long a = exp >= 0 ? acc[o] << exp : acc[o] >> -exp;
                target[o] += wrapConv ? LoihiArithmetic.wrap(a, arith.convWrapBits()) : a;
            }
        }

        private void update(int p, long[] input) {
            FxPopulation pop = net.populations().get(p);
            long[] vp = v[p];
            long[] up = u[p];
            long[] bp = bias[p];
            int plane = (int) (pop.shape().size() / pop.shape().dim(0));
            int count = 0;
            int[] out = spikes[p];
            long vMax = (1L << (arith.voltageBits() - 1)) - 1;
            boolean zeroReset = arith.reset() == TargetSpec.Reset.ZERO;
            boolean strict = arith.strictGreater();
            int channels = pop.shape().dim(0);
            for (int c = 0; c < channels; c++) {
                long theta = pop.threshold(c);
                int end = (c + 1) * plane;
                for (int k = c * plane; k < end; k++) {
                    boolean fire;
                    if (zeroReset) {
                        // Lava LIF with du = 4095 (no current memory) and dv = 0 (no leak)
                        int uk = LoihiArithmetic.current((int) up[k], 4095, (int) input[k]);
                        int vk = LoihiArithmetic.voltage((int) vp[k], 0, uk, (int) bp[k], 0);
                        fire = LoihiArithmetic.fires(vk, (int) theta);
                        up[k] = uk;
                        vp[k] = fire ? 0 : vk;
                    } else {
                        long next = vp[k] + input[k] + bp[k];
                        next = next > vMax ? vMax : next < -vMax ? -vMax : next;
                        fire = strict ? next > theta : next >= theta;
                        vp[k] = fire ? next - theta : next;
                    }
                    if (fire) {
                        out[count++] = k;
                    }
                }
            }
            neuronUpdates += vp.length;
            spikeCount[p] = count;
            spikeTotals[p] += count;
        }
    }
}
