package dev.snnc.cli;

import dev.snnc.ir.target.TargetSpec;
import dev.snnc.quantize.Quantizer;
import picocli.CommandLine.Option;

/**
 * The fixed-point options that {@code quantize} and {@code compile} share (how weights are sized,
 * how integer recalibration runs, whether overflow is accepted), written once so that both
 * commands say and check the same thing.
 */
final class FixedPointOptions {
    @Option(names = "--weight-bits", paramLabel = "N", description = "Signed weight bits (default: the target's).")
    Integer weightBits;

    @Option(names = "--iterations", paramLabel = "N", description = "Integer recalibration: bias corrections per "
            + "population; 0 = plain rounding (default: 2; 4 where the target's neurons reset to zero).")
    Integer iterations;

    @Option(names = "--threshold-groups", paramLabel = "N", description = "Where the target's neurons have one "
            + "threshold per population (stock Lava LIF, Loihi 1): split a population into at most N populations of "
            + "channels with similar thresholds, each with its own (default: ${DEFAULT-VALUE}; 1 never splits).")
    int thresholdGroups = Quantizer.Options.DEFAULT_THRESHOLD_GROUPS;

    @Option(names = "--allow-overflow", description = "Write the model even when weights clip or currents saturate.")
    boolean allowOverflow;

    /** The given {@code --iterations}, else the target's default. */
    int iterationsFor(TargetSpec target) {
        return iterations != null ? iterations : Quantizer.Options.defaultIterations(target);
    }

    /** The quantizer's options for {@code target}; exit 2 naming the option when one is out of range. */
    Quantizer.Options quantizerOptions(TargetSpec target, int calibImages, long seed, boolean rateInput) {
        try {
            return new Quantizer.Options(calibImages, iterationsFor(target), seed, rateInput, thresholdGroups);
        } catch (IllegalArgumentException e) {
            throw DataOptions.badOption(e.getMessage());
        }
    }
}
