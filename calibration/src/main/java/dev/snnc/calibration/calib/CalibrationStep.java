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
     * Parses a method name: {@code none}, {@code light} (bias), {@code advanced} (potential),
     * {@code advanced+weights} (weights, then potential), or a comma list of
     * {@code bias,potential,weights}.
     */
    public static Set<CalibrationStep> parseMethod(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "none":
                return EnumSet.noneOf(CalibrationStep.class);
            case "light":
                return EnumSet.of(BIAS);
            case "advanced":
                return EnumSet.of(POTENTIAL);
            case "advanced+weights":
                return EnumSet.of(WEIGHTS, POTENTIAL);
            default:
                EnumSet<CalibrationStep> steps = EnumSet.noneOf(CalibrationStep.class);
                for (String part : t.split(",")) {
                    switch (part.trim()) {
                        case "bias" -> steps.add(BIAS);
                        case "potential" -> steps.add(POTENTIAL);
                        case "weights" -> steps.add(WEIGHTS);
                        default -> throw new IllegalArgumentException("calibration method '" + text
                                + "' is not none, light, advanced, advanced+weights or a list of bias,potential,weights");
                    }
                }
                return steps;
        }
    }

    public static String describe(Set<CalibrationStep> steps) {
        if (steps.isEmpty()) {
            return "none";
        }
        return String.join("+", steps.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList());
    }
}
