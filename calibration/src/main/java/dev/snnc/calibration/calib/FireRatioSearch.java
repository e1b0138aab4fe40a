package dev.snnc.calibration.calib;

import dev.snnc.ir.Graph;
import dev.snnc.ir.op.IfNeuron;
import java.util.function.Function;

/**
 * Chooses a reset-to-zero population's fire ratio ρ (it fires at ρ·θ, each spike carries θ): a
 * reset to zero throws away the charge above the firing level, so a neuron firing at θ emits less
 * than it received; firing earlier offsets that on average. Each candidate is measured on the
 * population's actual SNN input (earlier populations already calibrated) against the ANN
 * activation; the one with the smallest error wins, where the error is what bias calibration
 * cannot remove when it follows (the mean squared error less each channel's squared mean error),
 * else the mean squared error. Ties go to the larger ratio. ADR 0020.
 */
final class FireRatioSearch {
    /** Candidates, from firing at θ down (on the bundled MobileNet at T=64 the search chose 0.5..0.8; one ratio for all layers was best near 0.6). */
    static final float[] CANDIDATES = {1f, 0.8f, 0.7f, 0.6f, 0.5f};
    /** Calibration images each candidate is measured on. */
    static final int IMAGES = 256;

    private FireRatioSearch() {
    }

    /** The graph with {@code population}'s best ratio, and that ratio's measured error. */
    record Choice(Graph snn, float ratio, double error) {
    }

    static Choice choose(Graph snn, String population, Function<Graph, RateMeasurement.Result> measure, boolean biasFollows) {
        IfNeuron f = (IfNeuron) snn.node(population).orElseThrow().op();
        Choice best = null;
        for (float ratio : CANDIDATES) {
            Graph candidate = snn.withOp(population, f.withFireRatio(ratio));
            double error = error(measure.apply(candidate), biasFollows);
            if (best == null || error < best.error()) {
                best = new Choice(candidate, ratio, error);
            }
        }
        return best;
    }

    static double error(RateMeasurement.Result r, boolean biasFollows) {
        if (!biasFollows) {
            return r.mse();
        }
        double removable = 0;
        for (float m : r.channelMeanError()) {
            removable += (double) m * m;
        }
        return r.mse() - removable / r.channelMeanError().length;
    }
}
