package dev.snnc.calibration.calib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import java.util.List;
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
    public record Result(float[] channelMeanError, float[] channelMse, float[] neuronMeanDeficit, double mse,
                         double meanError, double neuronMeanAbsError) {
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

    /**
     * One part of a measurement: the sums over pass batches {@code fromBatch..toBatch−1} that
     * {@link #measure} accumulates over all of them (per-channel Σ(r − a) and Σ(r − a)², per-neuron
     * Σ(a − r), the squared error, the values and images counted). Parts from several processes add
     * up to the whole pass ({@link #finish}).
     */
    public record Partial(double[] channelSum, double[] channelSquares, double[] neuronSum, double sse, long count,
                          int images) implements java.io.Serializable {
    }

    /** The sums of pass batches {@code fromBatch..toBatch−1} of the calibration images. */
    static Partial partial(AnnTargets ann, SegmentRunner snn, CalibrationImages images, String population, int timesteps,
                           int passBatchSize, NDManager parent, int fromBatch, int toBatch) {
        Set<String> record = Set.of(population);
        NDArray channelSum = null;
        NDArray channelSquares = null;
        NDArray neuronSum = null;
        double sse = 0;
        long count = 0;
        int seen = 0;
        try (NDManager pass = parent.newSubManager()) {
            for (int b = fromBatch; b < toBatch; b++) {
                int start = b * passBatchSize;
                int n = Math.min(passBatchSize, images.size() - start);
                try (NDManager scope = pass.newSubManager()) {
                    NDArray x = images.batch(scope, start, n);
                    NDArray target = ann.get(population, b, x);
                    FloatSnnExecutor.Run run = snn.run(x, b, record);
                    NDArray diff = run.sums().get(population).div(timesteps).sub(target);
                    channelSum = accumulate(channelSum, diff.sum(nonChannelAxes(diff)), pass);
                    channelSquares = accumulate(channelSquares, diff.square().sum(nonChannelAxes(diff)), pass);
                    neuronSum = accumulate(neuronSum, diff.neg().sum(new int[] {0}), pass);
                    sse += diff.square().sum().getFloat();
                    count += diff.size();
                    seen += n;
                }
            }
            return new Partial(doubles(channelSum), doubles(channelSquares), doubles(neuronSum), sse, count, seen);
        }
    }

    /**
     * The measurement from its parts, added in the order given (each sum in double precision): the
     * same parts in the same order give the same bits; against one process's float accumulation the
     * values differ only by rounding.
     */
    public static Result finish(List<Partial> parts) {
        Partial first = parts.get(0);
        double[] channelSum = new double[first.channelSum().length];
        double[] channelSquares = new double[first.channelSquares().length];
        double[] neuronSum = new double[first.neuronSum().length];
        double sse = 0;
        long count = 0;
        int images = 0;
        for (Partial p : parts) {
            for (int i = 0; i < channelSum.length; i++) {
                channelSum[i] += p.channelSum()[i];
                channelSquares[i] += p.channelSquares()[i];
            }
            for (int i = 0; i < neuronSum.length; i++) {
                neuronSum[i] += p.neuronSum()[i];
            }
            sse += p.sse();
            count += p.count();
            images += p.images();
        }
        double perChannelCount = (double) count / channelSum.length;
        float[] perChannel = new float[channelSum.length];
        float[] perChannelMse = new float[channelSum.length];
        for (int i = 0; i < perChannel.length; i++) {
            perChannel[i] = (float) (channelSum[i] / perChannelCount);
            perChannelMse[i] = (float) (channelSquares[i] / perChannelCount);
        }
        float[] perNeuron = new float[neuronSum.length];
        double total = 0;
        double absNeuron = 0;
        for (int i = 0; i < perNeuron.length; i++) {
            perNeuron[i] = (float) (neuronSum[i] / images);
            total -= perNeuron[i];
            absNeuron += Math.abs(perNeuron[i]);
        }
        return new Result(perChannel, perChannelMse, perNeuron, sse / count, total / perNeuron.length,
                absNeuron / perNeuron.length);
    }

    private static double[] doubles(NDArray a) {
        float[] f = a.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
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
