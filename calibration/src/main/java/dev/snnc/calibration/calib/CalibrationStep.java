package dev.snnc.calibration.calib;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The per-layer corrections of SNN Calibration, applied in this order for each population. */
public enum CalibrationStep {
    /** Layer-wise weight calibration (Adam on a straight-through clip-floor loss). */
    WEIGHTS,
    /** Bias calibration: per channel, subtract the mean rate error ("light"). */
    BIAS,
    /** Membrane potential initialisation: per neuron, T times the mean rate deficit ("advanced"). */
    POTENTIAL;

    /**
     * Parses a method name: {@code none}, {@code light} (bias), {@code advanced} or
     * {@code advanced-cifar} (potential: what the authors' CIFAR script calls "advanced"),
     * {@code advanced+weights} or {@code advanced-imagenet} (weights, then potential: what their
     * ImageNet script calls "advanced"), or a comma list of {@code bias,potential,weights}.
     */
    public static Set<CalibrationStep> parseMethod(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "none":
                return EnumSet.noneOf(CalibrationStep.class);
            case "light":
                return EnumSet.of(BIAS);
            case "advanced", "advanced-cifar":
                return EnumSet.of(POTENTIAL);
            case "advanced+weights", "advanced-imagenet":
                return EnumSet.of(WEIGHTS, POTENTIAL);
            default:
                EnumSet<CalibrationStep> steps = EnumSet.noneOf(CalibrationStep.class);
                for (String part : t.split(",")) {
                    switch (part.trim()) {
                        case "bias" -> steps.add(BIAS);
                        case "potential" -> steps.add(POTENTIAL);
                        case "weights" -> steps.add(WEIGHTS);
                        default -> throw new IllegalArgumentException("calibration method '" + text
                                + "' is not none, light, advanced (= advanced-cifar), advanced+weights (= advanced-imagenet) "
                                + "or a list of bias,potential,weights");
                    }
                }
                return steps;
        }
    }

    /**
     * The name a reader of the paper knows for these steps ({@code none}, {@code light},
     * {@code advanced}, {@code advanced+weights}), or the step list for other combinations. Reports
     * and JSON print this; provenance keeps {@link #describe}'s step list.
     */
    public static String methodName(Set<CalibrationStep> steps) {
        if (steps.equals(EnumSet.of(BIAS))) {
            return "light";
        }
        if (steps.equals(EnumSet.of(POTENTIAL))) {
            return "advanced";
        }
        if (steps.equals(EnumSet.of(WEIGHTS, POTENTIAL))) {
            return "advanced+weights";
        }
        return describe(steps);
    }

    /** The steps in the order they run, e.g. {@code weights+potential} (what provenance records). */
    public static String describe(Set<CalibrationStep> steps) {
        if (steps.isEmpty()) {
            return "none";
        }
        return String.join("+", steps.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
    }
}
