package dev.snnc.simulator;

import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.loihi.LoihiArithmetic;
import java.util.Arrays;
import java.util.List;

/**
 * The state of one image's run: voltages, currents, spikes of this and the previous step, and
 * the counters. Each step, every population sums its synapse groups' contributions from the
 * source spikes of this step (no delay) or the previous one (one step of delay per synaptic
 * layer), adds its constant current, and updates its neurons:
 * <ul>
 * <li>{@code u = a_in << inputShift} with one wrap correction at the current width (Lava's LIF
 *     with du = 4095: no current memory);</li>
 * <li>{@code v = v + u + bias}, saturated to the voltage width (dv = 0: no leak);</li>
 * <li>spike if {@code v > θ << thresholdShift} (strict targets) or {@code v >= θ << thresholdShift};</li>
 * <li>on a spike {@code v = 0} (reset to zero, stock Lava LIF) or {@code v −= θ << thresholdShift}.</li>
 * </ul>
 * With the loihi2 profile this is exactly {@link LoihiArithmetic#lifStep} (a property test checks it).
 * With rate-coded input the pixels' spikes of each step (from {@link PixelRateEncoder}) go through
 * the first layer's synapses like any source population's, delayed the same way.
 * State and sums are channel-last ({@link ChannelLast}); spike indexes are channel-first, listed
 * in the order the update finds them (position-major), and sorted only for recorders.
 */
final class ImageRun {
    private final SimPlan plan;
    private final TargetSpec.Arithmetic arith;
    /** Potentials, channel-last: per population one of {@code v} (wide) or {@code narrowV} (voltage fits an int). */
    private final long[][] v;
    private final int[][] narrowV;
    final long[][] current;
    private int[][] spikes;
    private int[] spikeCount;
    private int[][] previous;
    private int[] previousCount;
    /**
     * The synaptic input of the population being updated, shared by all populations: each step's
     * sums are consumed (and cleared) by its update right away, and one buffer stays in L2.
     */
    private final long[] input;
    private final long[] scratchAcc;
    private final int[] idx;
    private final int[] cnt;
    private final int[] scratch;
    /** Spiking max pools' running counts and maxima, per synapse group, for this image. */
    private final java.util.Map<SynapseKernel, SynapseKernel.MaxPoolState> maxPools = new java.util.IdentityHashMap<>();
    final long[] spikeTotals;
    /** Per population and channel: spikes inside the population's T-step window (see {@link SimPlan#windowStart}). */
    final long[][] windowCounts;
    long synapticOps;
    long neuronUpdates;
    /** Populations whose constant current hit the target's bias range (count of neurons). */
    long saturatedCurrents;
    /** Rate-coded input only: the pixels' encoder and their spikes of this and the previous step. */
    private final PixelRateEncoder encoder;
    private int[] pixelSpikes;
    private int pixelSpikeCount;
    private int[] previousPixelSpikes;
    private int previousPixelSpikeCount;

    ImageRun(SimPlan plan, float[] pixels) {
        this.plan = plan;
        this.arith = plan.net.target().arithmetic();
        int p = plan.net.populations().size();
        v = new long[p][];
        narrowV = new int[p][];
        current = new long[p][];
        spikes = new int[p][];
        previous = new int[p][];
        spikeCount = new int[p];
        previousCount = new int[p];
        spikeTotals = new long[p];
        windowCounts = new long[p][];
        scratchAcc = new long[plan.largestPopulation];
        input = new long[plan.largestPopulation];
        idx = new int[plan.largestEventBuffer];
        cnt = new int[plan.largestEventBuffer];
        scratch = new int[plan.largestEventBuffer];
        boolean rate = plan.net.inputEncoding().isRate();
        encoder = rate ? new PixelRateEncoder(pixels, plan.net.inputEncoding().fullScale()) : null;
        pixelSpikes = rate ? new int[pixels.length] : null;
        previousPixelSpikes = rate ? new int[pixels.length] : null;
        int nonZero = rate ? 0 : pixelEvents(pixels);
        for (int i = 0; i < p; i++) {
            FxPopulation pop = plan.net.populations().get(i);
            int size = (int) pop.shape().size();
            if (plan.narrowInitialV[i] != null) {
                narrowV[i] = plan.narrowInitialV[i].clone();
            } else {
                v[i] = plan.initialV[i].clone();
            }
            if (plan.fixedCurrent[i] != null) { // the same in every image: shared, read only
                current[i] = plan.fixedCurrent[i];
                saturatedCurrents += plan.fixedSaturated[i];
            } else {
                current[i] = constantCurrent(i, nonZero);
            }
            spikes[i] = new int[size];
            previous[i] = new int[size];
            windowCounts[i] = new long[pop.shape().dim(0)];
        }
    }

    /** Pixel bytes as graded events (index, value) in {@link #idx}/{@link #cnt}; returns how many. */
    private int pixelEvents(float[] pixels) {
        int n = 0;
        for (int k = 0; k < pixels.length; k++) {
            int value = Math.round(pixels[k]);
            if (value != 0) {
                idx[n] = k;
                cnt[n++] = value;
            }
        }
        return n;
    }

    /**
     * Bias plus the first layer's current (analog input) or constant part (rate input), as the
     * target stores a per-neuron bias; channel-last. (Populations without a first layer have theirs
     * in {@link SimPlan#fixedCurrent}.)
     */
    private long[] constantCurrent(int p, int pixelEventCount) {
        long[] c = plan.constantPart[p].clone();
        for (SimPlan.InputKernel in : plan.inputKernels.getOrDefault(p, List.of())) {
            if (encoder == null) {
                scatterInto(in.kernel(), pixelEventCount, c, 0); // computed by the host: shifted, not wrapped
            }
        }
        saturatedCurrents += SimPlan.makeRepresentable(c, arith);
        return c;
    }

    /** Scatters {@code events} prepared events through {@code k} and adds the shifted (and wrapped) sums to {@code target}. */
    private void scatterInto(SynapseKernel k, int events, long[] target, int wrapBits) {
        int exp = k.sumExp;
        if (exp == 0 && wrapBits == 0) { // nothing to shift or wrap: sum straight into the target
            for (int e = 0; e < events; e++) {
                synapticOps += k.scatter(idx[e], cnt[e], target);
            }
            return;
        }
        long[] acc = scratchAcc;
        Arrays.fill(acc, 0, k.outSize, 0);
        for (int e = 0; e < events; e++) {
            synapticOps += k.scatter(idx[e], cnt[e], acc);
        }
        VectorOps.addShifted(acc, target, k.outSize, exp, wrapBits);
    }

    /**
     * Runs {@code steps} steps; populations after {@code lastPopulation} and the readout are
     * skipped when it is not the last index. Populations before {@code firstPopulation} are not
     * simulated: those in {@code replay} fire as recorded for image {@code image}. Population
     * {@code record} (if not negative) is recorded into {@code replay}. Returns the readout's sums
     * over the last {@code timesteps} steps (all zero when the readout was skipped).
     */
    long[] simulate(int timesteps, int steps, int firstPopulation, int lastPopulation, Recorder recorder,
                    SpikeTrains replay, int image, int record) {
        long[] logits = new long[(int) plan.net.readout().shape().size()];
        boolean delayed = arith.synapticDelay() > 0;
        boolean withReadout = lastPopulation == spikes.length - 1;
        long[] out = new long[logits.length];
        int readoutChannels = plan.net.readout().shape().dim(0);
        long[] readoutBias = ChannelLast.fromChannelFirst(plan.net.readout().bias(), readoutChannels);
        for (int t = 0; t < steps; t++) {
            if (delayed) {
                int[][] swap = previous;
                previous = spikes;
                spikes = swap;
                int[] swapCount = previousCount;
                previousCount = spikeCount;
                spikeCount = swapCount;
            }
            if (encoder != null) {
                encodePixels(delayed);
            }
            for (int p = 0; p <= lastPopulation; p++) {
                if (p < firstPopulation) {
                    if (replay != null && replay.has(p)) {
                        spikeCount[p] = replay.get(p, image, t, spikes[p]);
                    }
                    continue;
                }
                // input is all zero: the previous update consumed and cleared it
                if (encoder != null) {
                    for (SimPlan.InputKernel in : plan.inputKernels.getOrDefault(p, List.of())) {
                        deliver(in.kernel(), delayed ? previousPixelSpikes : pixelSpikes,
                                delayed ? previousPixelSpikeCount : pixelSpikeCount, input);
                    }
                }
                List<SynapseKernel> ks = plan.kernels.get(p);
                int[] sources = plan.kernelSources.get(p);
                for (int j = 0; j < ks.size(); j++) {
                    deliver(ks.get(j), sources[j], input, delayed);
                }
                long[] u = recorder != null ? plan.updates[p].currents(input, spikes[p].length) : null;
                update(p, input, t);
                if (p == record) {
                    replay.put(p, image, t, spikes[p], spikeCount[p]);
                }
                if (recorder != null) {
                    record(recorder, t, p, u);
                }
            }
            if (withReadout) {
                Arrays.fill(out, 0);
                for (int j = 0; j < plan.readoutKernels.size(); j++) {
                    deliver(plan.readoutKernels.get(j), plan.readoutSources[j], out, delayed);
                }
                if (t >= steps - timesteps) {
                    for (int o = 0; o < logits.length; o++) {
                        logits[o] += out[o] + readoutBias[o];
                    }
                }
            }
        }
        return ChannelLast.toChannelFirst(logits, readoutChannels);
    }

    /** Hands population p's step to the recorder channel-first, spikes in index order. */
    private void record(Recorder recorder, int t, int p, long[] u) {
        int channels = plan.net.populations().get(p).shape().dim(0);
        int[] sorted = Arrays.copyOf(spikes[p], spikeCount[p]);
        Arrays.sort(sorted);
        recorder.step(t, p, sorted, sorted.length, ChannelLast.toChannelFirst(u, channels),
                ChannelLast.toChannelFirst(v[p] != null ? v[p] : Arrays.stream(narrowV[p]).asLongStream().toArray(), channels));
    }

    /** The pixels' spikes of this step; on delay targets the previous step's stay readable (they arrive now). */
    private void encodePixels(boolean delayed) {
        if (delayed) {
            int[] swap = previousPixelSpikes;
            previousPixelSpikes = pixelSpikes;
            pixelSpikes = swap;
            previousPixelSpikeCount = pixelSpikeCount;
        }
        pixelSpikeCount = encoder.step(pixelSpikes);
    }

    private void deliver(SynapseKernel k, int source, long[] target, boolean delayed) {
        deliver(k, delayed ? previous[source] : spikes[source], delayed ? previousCount[source] : spikeCount[source], target);
    }

    private void deliver(SynapseKernel k, int[] s, int sc, long[] target) {
        if (sc == 0) {
            return;
        }
        int events = k.spec.maxPool()
                ? k.maxPool(s, sc, idx, cnt, maxPools.computeIfAbsent(k, SynapseKernel.MaxPoolState::new))
                : k.pool(s, sc, idx, cnt, scratch);
        scatterInto(k, events, target, k.sumWrapBits(arith));
    }

    private void update(int p, long[] input, int t) {
        FxPopulation pop = plan.net.populations().get(p);
        int start = plan.windowStart(p);
        long[] window = t >= start && t < start + plan.net.timesteps() ? windowCounts[p] : null;
        int count = plan.updates[p].run(v[p], narrowV[p], input, current[p], plan.channelUniformBias[p], plan.thresholds[p],
                pop.shape().dim(0), pop.plane(), spikes[p], 0, window);
        neuronUpdates += spikes[p].length;
        spikeCount[p] = count;
        spikeTotals[p] += count;
    }

    /** Receives every population's state after each step (for dumps). */
    interface Recorder {
        void step(int t, int population, int[] spikes, int spikeCount, long[] u, long[] v);
    }
}
