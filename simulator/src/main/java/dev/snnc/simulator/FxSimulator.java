package dev.snnc.simulator;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Bit-exact, event-driven simulation of an {@link FxNetwork} under its target's arithmetic (the
 * per-step rules are in {@link ImageRun}). A run lasts T steps plus the pipeline latency (one step
 * per synaptic layer after the first on targets with synaptic delay); the readout sums the last T
 * steps. Work is proportional to spike events times fan-out. Images run in parallel on all cores;
 * images are read as raw pixel bytes, the first layer folds the preprocessing.
 */
public final class FxSimulator {
    private final SimPlan plan;

    public FxSimulator(FxNetwork net) {
        this.plan = new SimPlan(net);
    }

    public FxNetwork network() {
        return plan.net;
    }

    /** Steps a run takes: T plus the pipeline latency. */
    public int steps() {
        return plan.net.timesteps() + plan.latency();
    }

    /** The first step at which population {@code p} sees image frame 0. */
    public int windowStart(int population) {
        return plan.windowStart(population);
    }

    public SimulationResult run(ImageSet data, IntConsumer progress) {
        int n = data.size();
        int steps = steps();
        int populations = plan.net.populations().size();
        int[] predictions = new int[n];
        AtomicLongArray spikeTotals = new AtomicLongArray(populations);
        AtomicLongArray ops = new AtomicLongArray(3);
        AtomicInteger done = new AtomicInteger();
        long t0 = System.nanoTime();
        IntStream.range(0, n).parallel().forEach(i -> {
            ImageRun r = new ImageRun(plan, data.batch(i, 1, Preprocessing.RAW_BYTES));
            predictions[i] = argMax(r.simulate(plan.net.timesteps(), steps, 0, populations - 1, null, null, i, -1));
            for (int p = 0; p < populations; p++) {
                spikeTotals.addAndGet(p, r.spikeTotals[p]);
            }
            ops.addAndGet(0, r.synapticOps);
            ops.addAndGet(1, r.neuronUpdates);
            ops.addAndGet(2, r.saturatedCurrents);
            report(progress, done.incrementAndGet(), n);
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        int correct = 0;
        for (int i = 0; i < n; i++) {
            correct += predictions[i] == data.label(i) ? 1 : 0;
        }
        Map<String, Long> spikes = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int p = 0; p < populations; p++) {
            FxPopulation pop = plan.net.populations().get(p);
            spikes.put(pop.name(), spikeTotals.get(p));
            rates.put(pop.name(), spikeTotals.get(p) / ((double) pop.shape().size() * steps * Math.max(n, 1)));
        }
        return new SimulationResult(n, correct, predictions, plan.net.timesteps(), steps, spikes, rates, ops.get(0),
                ops.get(1), ops.get(2), seconds);
    }

    /**
     * Per-channel firing rates of populations {@code 0..lastPopulation} over each population's own
     * T-step window (spikes per neuron per step, averaged over images and positions); later
     * populations and the readout are not simulated.
     */
    public double[][] channelRates(ImageSet data, int lastPopulation) {
        return channelRates(data, 0, lastPopulation, null, -1);
    }

    /**
     * As {@link #channelRates(ImageSet, int)} for populations {@code first..last} only (the others'
     * rates are null): populations before {@code first} are not simulated, their spikes come from
     * {@code replay}, which must hold every one of them that feeds {@code first..last}. With
     * {@code record >= 0} that population's spikes are stored in {@code replay} for later runs.
     */
    public double[][] channelRates(ImageSet data, int first, int last, SpikeTrains replay, int record) {
        int n = data.size();
        // a recording run lasts as long as any later run that replays it (the deepest population's window)
        int through = record >= 0 ? plan.net.populations().size() - 1 : last;
        int steps = plan.net.timesteps() + plan.windowStart(through);
        checkReplay(data, first, last, replay, record, steps);
        if (record >= 0) {
            replay.prepare(record);
        }
        long[][] totals = new long[last + 1][];
        for (int p = first; p <= last; p++) {
            totals[p] = new long[plan.net.populations().get(p).shape().dim(0)];
        }
        IntStream.range(0, n).parallel().forEach(i -> {
            ImageRun r = new ImageRun(plan, data.batch(i, 1, Preprocessing.RAW_BYTES));
            r.simulate(plan.net.timesteps(), steps, first, last, null, replay, i, record);
            synchronized (totals) {
                for (int p = first; p <= last; p++) {
                    for (int c = 0; c < totals[p].length; c++) {
                        totals[p][c] += r.windowCounts[p][c];
                    }
                }
            }
        });
        double[][] rates = new double[last + 1][];
        for (int p = first; p <= last; p++) {
            FxPopulation pop = plan.net.populations().get(p);
            double per = (double) n * pop.plane() * plan.net.timesteps();
            rates[p] = new double[totals[p].length];
            for (int c = 0; c < rates[p].length; c++) {
                rates[p][c] = totals[p][c] / per;
            }
        }
        return rates;
    }

    private void checkReplay(ImageSet data, int first, int last, SpikeTrains replay, int record, int steps) {
        if (first < 0 || first > last || last >= plan.net.populations().size() || record > last) {
            throw new IllegalArgumentException("populations " + first + ".." + last + " (record " + record + ") of "
                    + plan.net.populations().size());
        }
        if (replay == null) {
            if (first > 0 || record >= 0) {
                throw new IllegalArgumentException("replaying or recording spikes needs a SpikeTrains");
            }
            return;
        }
        if (replay.images() != data.size() || replay.steps() < steps) {
            throw new IllegalArgumentException("spike trains of " + replay.images() + " images x " + replay.steps()
                    + " steps cannot serve " + data.size() + " images x " + steps + " steps");
        }
        for (int p = first; p <= last; p++) {
            for (int source : plan.kernelSources.get(p)) {
                if (source < first && !replay.has(source)) {
                    throw new IllegalArgumentException("population " + plan.net.populations().get(p).name() + " reads "
                            + plan.net.populations().get(source).name() + ", which is neither simulated nor recorded");
                }
            }
        }
    }

    /** Runs one image with a recorder attached to every population step; returns the readout sums. */
    public long[] trace(float[] pixelBytes, StepRecorder recorder) {
        ImageRun r = new ImageRun(plan, pixelBytes);
        return r.simulate(plan.net.timesteps(), steps(), 0, plan.net.populations().size() - 1, recorder::step, null, 0, -1);
    }

    /** What {@link #trace} reports after each population's update. Arrays are live: copy what you keep. */
    @FunctionalInterface
    public interface StepRecorder {
        void step(int t, int population, int[] spikes, int spikeCount, long[] u, long[] v);
    }

    private static void report(IntConsumer progress, int done, int total) {
        if (done % 50 == 0 || done == total) {
            synchronized (progress) {
                progress.accept(done);
            }
        }
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
}
