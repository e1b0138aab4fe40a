package dev.snnc.calibration.calib;

import dev.snnc.ir.InputEncoding;
import dev.snnc.calibration.threshold.ThresholdSpec;
import dev.snnc.ir.op.NeuronModel;
import java.util.EnumSet;
import java.util.Set;

/**
 * Everything that determines a calibration run. Defaults follow the reference implementation:
 * thresholds from 7 batches of {@code batchSize} 128 with EMA 0.9, Adam with cosine decay for
 * weights. {@code passBatchSize} is the batch of the SNN measurement passes, whose results (means
 * over all calibration images) depend on it only through float rounding of the per-batch sums (at
 * 224 px, 8 against 2 images per pass moved a late layer's rate MSE in the fourth digit). Measured on 2 cores: 128 took 75 s for `light`
 * on 1,024 images at T=32, 512 took 169 s (elementwise passes over 50 MB tensors leave the cache).
 * {@code biasIterations} repeats bias calibration on each population, each time measured anew: one
 * correction removes only part of the mean rate error where neurons sit at the clipping edges (1 is
 * the reference method).
 */
public record CalibrationOptions(int timesteps, ThresholdSpec threshold, Set<CalibrationStep> steps,
                                 NeuronModel neuron, InputEncoding encoding, int calibImages, int batchSize,
                                 int thresholdBatches, double emaMomentum, int weightIterations, int weightBatchSize,
                                 double learningRate, long seed, int threads, int passBatchSize,
                                 int biasIterations) {
    public CalibrationOptions {
        // an unmodifiable EnumSet: iteration in declaration order, so provenance and JSON print the same in every JVM
        steps = java.util.Collections.unmodifiableSet(steps.isEmpty() ? EnumSet.noneOf(CalibrationStep.class)
                : EnumSet.copyOf(steps));
        require(timesteps >= 1 && timesteps <= 4096, "T must be in 1..4096, got " + timesteps);
        require(calibImages >= 1, "calibration images must be at least 1, got " + calibImages);
        require(batchSize >= 1, "batch size must be at least 1, got " + batchSize);
        require(thresholdBatches >= 1, "threshold batches must be at least 1, got " + thresholdBatches);
        require(emaMomentum >= 0 && emaMomentum < 1, "EMA momentum must be in [0, 1), got " + emaMomentum);
        require(weightIterations >= 0, "weight iterations must be >= 0, got " + weightIterations);
        require(weightBatchSize >= 1, "weight batch size must be at least 1, got " + weightBatchSize);
        require(learningRate > 0, "learning rate must be positive, got " + learningRate);
        require(passBatchSize >= 1, "pass batch size must be at least 1, got " + passBatchSize);
        require(biasIterations >= 1 && biasIterations <= 10, "bias iterations must be in 1..10, got " + biasIterations);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    public static CalibrationOptions defaults(int timesteps, Set<CalibrationStep> steps) {
        return new CalibrationOptions(timesteps, ThresholdSpec.mse(), steps, NeuronModel.REFERENCE, InputEncoding.ANALOG,
                1024, 128, 7, 0.9, 1000, 32, 1e-4, 0, Runtime.getRuntime().availableProcessors(), 128, 1);
    }

    public CalibrationOptions withThreshold(ThresholdSpec spec) {
        return new CalibrationOptions(timesteps, spec, steps, neuron, encoding, calibImages, batchSize, thresholdBatches,
                emaMomentum, weightIterations, weightBatchSize, learningRate, seed, threads, passBatchSize, biasIterations);
    }

    public CalibrationOptions withImages(int images, int batch) {
        return new CalibrationOptions(timesteps, threshold, steps, neuron, encoding, images, batch, thresholdBatches,
                emaMomentum, weightIterations, weightBatchSize, learningRate, seed, threads, passBatchSize, biasIterations);
    }

    public CalibrationOptions withWeightTraining(int iterations, double lr) {
        return new CalibrationOptions(timesteps, threshold, steps, neuron, encoding, calibImages, batchSize,
                thresholdBatches, emaMomentum, iterations, weightBatchSize, lr, seed, threads, passBatchSize, biasIterations);
    }

    public CalibrationOptions withSeed(long newSeed) {
        return new CalibrationOptions(timesteps, threshold, steps, neuron, encoding, calibImages, batchSize,
                thresholdBatches, emaMomentum, weightIterations, weightBatchSize, learningRate, newSeed, threads, passBatchSize, biasIterations);
    }

    public CalibrationOptions withNeuron(NeuronModel model, InputEncoding enc) {
        return new CalibrationOptions(timesteps, threshold, steps, model, enc, calibImages, batchSize,
                thresholdBatches, emaMomentum, weightIterations, weightBatchSize, learningRate, seed, threads, passBatchSize, biasIterations);
    }

    public CalibrationOptions withPassBatchSize(int images) {
        return new CalibrationOptions(timesteps, threshold, steps, neuron, encoding, calibImages, batchSize,
                thresholdBatches, emaMomentum, weightIterations, weightBatchSize, learningRate, seed, threads, images,
                biasIterations);
    }

    public CalibrationOptions withBiasIterations(int iterations) {
        return new CalibrationOptions(timesteps, threshold, steps, neuron, encoding, calibImages, batchSize,
                thresholdBatches, emaMomentum, weightIterations, weightBatchSize, learningRate, seed, threads, passBatchSize,
                iterations);
    }

    /** The corrections applied to each population after thresholds (and weights), in order, each on a fresh measurement. */
    public java.util.List<CalibrationStep> corrections() {
        java.util.List<CalibrationStep> out = new java.util.ArrayList<>();
        if (steps.contains(CalibrationStep.BIAS)) {
            for (int k = 0; k < biasIterations; k++) {
                out.add(CalibrationStep.BIAS);
            }
        }
        if (steps.contains(CalibrationStep.POTENTIAL)) {
            out.add(CalibrationStep.POTENTIAL);
        }
        return out;
    }
}
