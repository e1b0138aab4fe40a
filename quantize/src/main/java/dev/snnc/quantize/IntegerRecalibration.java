package dev.snnc.quantize;

import dev.snnc.ir.fx.Rounding;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SpikeTrains;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Recalibration against the target's exact arithmetic, population by population in order: run the
 * bit-exact simulator on the calibration images up to the population (populations already final
 * replay their recorded spikes instead of being simulated again), compare each channel's
 * firing rate (over the population's own T-step window, so pipeline delay is accounted for) with
 * the target rate, and move the channel's integer bias by the missing charge per step,
 * {@code (target − rate)·θ}, the same rule as float bias calibration. Later populations see the
 * corrected ones. Target rates are those of the float SNN, reproduced in wide integers by the
 * ideal profile (see ADR 0010).
 */
final class IntegerRecalibration {
    private IntegerRecalibration() {
    }

    /** The corrected network; {@code reports} gain rate errors before and after. */
    static FxNetwork run(FxNetwork net, double[][] targets, ImageSet images, int iterations,
                         List<LayerQuantization> reports, IntConsumer progress) {
        FxNetwork current = net;
        int last = net.populations().size() - 1;
        int shift = net.target().arithmetic().thresholdShift();
        // Populations before p are final: their recorded spikes are replayed, not simulated again.
        // One simulation measures the population just corrected and, when it exists, the next one.
        SpikeTrains trains = new SpikeTrains(images.size(), new FxSimulator(net).steps());
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int q = 0; q <= last; q++) {
            index.put(net.populations().get(q).name(), q);
        }
        double[][] rates = new FxSimulator(current).channelRates(images, 0, 0, trains, -1);
        for (int p = 0; p <= last; p++) {
            double before = RateError.meanAbs(rates[p], targets[p]);
            for (int it = 0; it < iterations; it++) {
                FxPopulation pop = current.populations().get(p);
                long[] bias = pop.bias();
                int plane = pop.plane();
                for (int c = 0; c < rates[p].length; c++) {
                    long step = Rounding.halfAwayFromZero((targets[p][c] - rates[p][c]) * Math.scalb((double) pop.threshold(c), shift));
                    for (int k = c * plane; k < (c + 1) * plane; k++) {
                        bias[k] = net.target().arithmetic().representableBias(bias[k] + step);
                    }
                }
                List<FxPopulation> pops = new ArrayList<>(current.populations());
                pops.set(p, pop.withBias(bias));
                current = current.withPopulations(pops);
                boolean lastIteration = it == iterations - 1;
                rates = new FxSimulator(current).channelRates(images, p, lastIteration ? Math.min(p + 1, last) : p,
                        trains, lastIteration && p < last ? p : -1);
            }
            trains.dropBefore(p + 1 - maxSkip(net, index, p + 1));
            reports.set(p, reports.get(p).withRateErrors(before, RateError.meanAbs(rates[p], targets[p])));
            progress.accept(p + 1);
        }
        return current;
    }

    /**
     * How far back the populations from {@code from} on reach: the largest {@code from − source}
     * over their synapse groups (1 for a plain chain), so older recorded trains can be dropped.
     */
    private static int maxSkip(FxNetwork net, java.util.Map<String, Integer> index, int from) {
        int reach = 1;
        for (int p = from; p < net.populations().size(); p++) {
            for (dev.snnc.ir.fx.FxSynapses s : net.populations().get(p).inputs()) {
                reach = Math.max(reach, from - index.get(s.source()));
            }
        }
        return reach;
    }
}
