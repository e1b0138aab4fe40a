package dev.snnc.calibration.calib;

import dev.snnc.ir.Graph;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import java.util.function.Function;

/**
 * Chooses the fire ratios ρ_c of a reset-to-zero population (channel c fires at ρ_c·θ, each spike
 * carries θ): a reset to zero throws away the charge above the firing level, so a neuron firing at
 * θ emits less than it received; firing earlier offsets that on average. Each candidate is run for
 * the whole layer on its actual SNN input (earlier populations already calibrated) and compared
 * with the ANN activation; a layer's channels do not interact, so each channel takes the candidate
 * with its smallest error: what bias calibration cannot remove when it follows (the channel's mean
 * squared error less its squared mean error), else the mean squared error. Ties go to the larger
 * ratio. The coarse grid is then refined per channel: one pass with every channel at its ratio plus
 * a step and one at minus a step (channels are independent, so two passes test all channels), first
 * at 0.05, then 0.025. One threshold per layer stays expressible on stock hardware: the quantizer gives each
 * channel its own scale instead (ADR 0020).
 */
final class FireRatioSearch {
    /** Candidates, from firing at θ down (on the bundled MobileNet at T=64 one ratio per layer landed in 0.5..0.8). */
    static final float[] CANDIDATES = {1f, 0.8f, 0.7f, 0.6f, 0.5f};
    /** Per-channel refinement steps around the best coarse candidate (two passes each). */
    static final float[] REFINE_STEPS = {0.05f, 0.025f};
    /** The lowest ratio refinement may reach (the coarse grid stops at 0.5). */
    static final float MIN_RATIO = 0.3f;
    /** Calibration images each candidate is measured on. */
    static final int IMAGES = 256;

    private FireRatioSearch() {
    }

    static Graph choose(Graph snn, String population, Function<Graph, RateMeasurement.Result> measure, boolean biasFollows) {
        IfNeuron f = (IfNeuron) snn.node(population).orElseThrow().op();
        float[] best = null;
        double[] bestError = null;
        for (float ratio : CANDIDATES) {
            double[] error = channelErrors(measure.apply(snn.withOp(population, f.withFireRatio(ratio))), biasFollows);
            if (best == null) {
                best = new float[error.length];
                bestError = new double[error.length];
                java.util.Arrays.fill(bestError, Double.MAX_VALUE);
            }
            float[] everyChannel = new float[error.length];
            java.util.Arrays.fill(everyChannel, ratio);
            keepBetter(best, bestError, error, everyChannel);
        }
        for (float step : REFINE_STEPS) {
            float[] centre = best.clone();
            for (float sign : new float[] {1f, -1f}) {
                float[] trial = new float[centre.length];
                for (int c = 0; c < trial.length; c++) {
                    trial[c] = Math.max(MIN_RATIO, Math.min(1f, centre[c] + sign * step));
                }
                double[] error = channelErrors(measure.apply(
                        snn.withOp(population, f.withFireRatio(Tensor.of(trial, trial.length)))), biasFollows);
                keepBetter(best, bestError, error, trial);
            }
        }
        return snn.withOp(population, f.withFireRatio(Tensor.of(best, best.length)));
    }

    /** Channel c takes {@code trial[c]} where its error is strictly lower than its best so far. */
    private static void keepBetter(float[] best, double[] bestError, double[] error, float[] trial) {
        for (int c = 0; c < error.length; c++) {
            if (error[c] < bestError[c]) {
                bestError[c] = error[c];
                best[c] = trial[c];
            }
        }
    }

    static double[] channelErrors(RateMeasurement.Result r, boolean biasFollows) {
        double[] e = new double[r.channelMse().length];
        for (int c = 0; c < e.length; c++) {
            double m = r.channelMeanError()[c];
            e[c] = r.channelMse()[c] - (biasFollows ? m * m : 0);
        }
        return e;
    }
}
