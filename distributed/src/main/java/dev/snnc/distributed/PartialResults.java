package dev.snnc.distributed;

import dev.snnc.calibration.djl.AnnEvaluator;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.simulator.SimulationResult;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One partition's results, as plain serializable values, and their merge in partition order.
 * Integer counts add exactly, so a merged simulation equals the single-JVM one bit for bit. Float
 * firing rates are per-partition means weighted by image count and summed in partition order: the
 * same inputs and partitions give the same bits on every run, and they differ from one JVM's sum
 * only by float rounding.
 */
final class PartialResults {
    private PartialResults() {
    }

    /** A partition of a bit-exact simulation. */
    record Simulation(int[] predictions, int correct, long[] spikes, long synapticOps, long neuronUpdates,
                      long saturatedCurrents, int stepsRun) implements Serializable {
        static Simulation of(SimulationResult r) {
            return new Simulation(r.predictions(), r.correct(), r.spikes().values().stream().mapToLong(Long::longValue)
                    .toArray(), r.synapticOps(), r.neuronUpdates(), r.saturatedCurrents(), r.stepsRun());
        }
    }

    /** A partition of a float evaluation (ANN: no rates). */
    record Evaluation(int[] predictions, int correct, String[] populations, double[] rates) implements Serializable {
        static Evaluation of(AnnEvaluator.Result r) {
            return new Evaluation(r.predictions(), r.correct(), new String[0], new double[0]);
        }

        static Evaluation of(SnnEvaluator.Result r) {
            return new Evaluation(r.predictions(), r.correct(), r.firingRates().keySet().toArray(String[]::new),
                    r.firingRates().values().stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    static SimulationResult simulation(List<Simulation> parts, FxNetwork fx, double seconds) {
        int images = 0;
        int correct = 0;
        long ops = 0;
        long updates = 0;
        long saturated = 0;
        int populations = fx.populations().size();
        long[] spikes = new long[populations];
        int steps = parts.isEmpty() ? fx.timesteps() : parts.get(0).stepsRun();
        for (Simulation p : parts) {
            images += p.predictions().length;
            correct += p.correct();
            ops += p.synapticOps();
            updates += p.neuronUpdates();
            saturated += p.saturatedCurrents();
            for (int i = 0; i < populations; i++) {
                spikes[i] += p.spikes()[i];
            }
        }
        Map<String, Long> totals = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        for (int i = 0; i < populations; i++) {
            var pop = fx.populations().get(i);
            totals.put(pop.name(), spikes[i]);
            rates.put(pop.name(), spikes[i] / ((double) pop.shape().size() * steps * Math.max(images, 1)));
        }
        return new SimulationResult(images, correct, predictions(parts.stream().map(Simulation::predictions).toList(), images),
                fx.timesteps(), steps, totals, rates, ops, updates, saturated, seconds);
    }

    static AnnEvaluator.Result ann(List<Evaluation> parts, double seconds) {
        int images = parts.stream().mapToInt(p -> p.predictions().length).sum();
        int correct = parts.stream().mapToInt(Evaluation::correct).sum();
        return new AnnEvaluator.Result(images, correct, seconds,
                predictions(parts.stream().map(Evaluation::predictions).toList(), images));
    }

    static SnnEvaluator.Result snn(List<Evaluation> parts, int timesteps, double seconds) {
        int images = parts.stream().mapToInt(p -> p.predictions().length).sum();
        int correct = parts.stream().mapToInt(Evaluation::correct).sum();
        Map<String, Double> rates = new LinkedHashMap<>();
        for (Evaluation p : parts) {
            double weight = (double) p.predictions().length / Math.max(images, 1);
            for (int i = 0; i < p.populations().length; i++) {
                rates.merge(p.populations()[i], p.rates()[i] * weight, Double::sum);
            }
        }
        return new SnnEvaluator.Result(images, correct, timesteps, seconds,
                predictions(parts.stream().map(Evaluation::predictions).toList(), images), rates);
    }

    private static int[] predictions(List<int[]> parts, int images) {
        int[] out = new int[images];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
