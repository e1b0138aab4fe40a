package dev.snnc.calibration.calib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import java.util.Set;

/**
 * One pass over the calibration images comparing a population's SNN rate
 * {@code r = Σ_t out_t / T} with the ANN activation {@code a} of the ReLU it replaced.
 */
public final class RateMeasurement {
    /**
     * Per-channel mean of r − a, per-neuron mean of a − r, and three summaries: the mean squared
     * error, the layer's mean error {@code mean(r − a)} (what bias calibration drives to zero per
     * channel) and the neurons' mean absolute mean error {@code mean_k |mean_n (r − a)_k|} (what
     * potential initialisation drives to zero per neuron).
     */
    record Result(float[] channelMeanError, float[] channelMse, float[] neuronMeanDeficit, double mse, double meanError,
                  double neuronMeanAbsError) {
        Errors errors() {
            return new Errors(mse, Math.abs(meanError), neuronMeanAbsError);
        }
    }

    /** The three error summaries of one measurement (all ≥ 0). */
    public record Errors(double mse, double absMeanError, double neuronMeanAbsError) {
    }

    private RateMeasurement() {
    }

    /** A pass over the first {@code maxImages} calibration images (whole pass batches). */
    static Result measure(AnnTargets ann, SegmentRunner snn, CalibrationImages images, String population,
                          CalibrationOptions opt, NDManager parent, int maxImages) {
        int used = Math.min(images.size(), maxImages);
        Set<String> record = Set.of(population);
        NDArray channelSum = null;
        NDArray channelSquares = null;
        NDArray neuronSum = null;
        double sse = 0;
        long count = 0;
        try (NDManager pass = parent.newSubManager()) {
            for (int start = 0, b = 0; start < used; start += opt.passBatchSize(), b++) {
                int n = Math.min(opt.passBatchSize(), images.size() - start);
                try (NDManager scope = pass.newSubManager()) {
                    NDArray x = images.batch(scope, start, n);
                    NDArray target = ann.get(population, b, x);
                    FloatSnnExecutor.Run run = snn.run(x, b, record);
                    NDArray diff = run.sums().get(population).div(opt.timesteps()).sub(target);
                    channelSum = accumulate(channelSum, diff.sum(nonChannelAxes(diff)), pass);
                    channelSquares = accumulate(channelSquares, diff.square().sum(nonChannelAxes(diff)), pass);
                    neuronSum = accumulate(neuronSum, diff.neg().sum(new int[] {0}), pass);
                    sse += diff.square().sum().getFloat();
                    count += diff.size();
                }
            }
            float[] perChannel = channelSum.div((double) count / channelSum.size()).toFloatArray();
            float[] perChannelMse = channelSquares.div((double) count / channelSquares.size()).toFloatArray();
            float[] perNeuron = neuronSum.div(imagesSeen(used, images.size(), opt.passBatchSize())).toFloatArray();
            double total = 0;
            double absNeuron = 0;
            for (float v : perNeuron) {
                total -= v;
                absNeuron += Math.abs(v);
            }
            return new Result(perChannel, perChannelMse, perNeuron, sse / count, total / perNeuron.length, absNeuron / perNeuron.length);
        }
    }

    /** Images a pass over the first {@code used} covers: whole batches of {@code batch}. */
    private static int imagesSeen(int used, int total, int batch) {
        return Math.min(total, ((used + batch - 1) / batch) * batch);
    }

    private static NDArray accumulate(NDArray total, NDArray part, NDManager owner) {
        if (total == null) {
            NDArray copy = part.duplicate();
            copy.attach(owner);
            return copy;
        }
        total.addi(part);
        return total;
    }

    static int[] nonChannelAxes(NDArray a) {
        int rank = a.getShape().dimension();
        int[] axes = new int[rank - 1];
        axes[0] = 0;
        for (int i = 2; i < rank; i++) {
            axes[i - 1] = i;
        }
        return axes;
    }
}
