package dev.snnc.calibration.threshold;

import java.util.Locale;

/**
 * How thresholds are chosen from ANN activations: {@code max}, {@code percentile P} or
 * {@code mse} (the reference grid search), layer-wise or channel-wise.
 */
public record ThresholdSpec(Kind kind, double percentile, boolean channelWise) {
    /** The estimator. */
    public enum Kind { MAX, PERCENTILE, MSE }

    public ThresholdSpec {
        if (kind == Kind.PERCENTILE && !(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
    }

    public static ThresholdSpec mse() {
        return new ThresholdSpec(Kind.MSE, 0, false);
    }

    /** Parses {@code max}, {@code mse}, {@code percentile:99.99} (or {@code p99.99}). */
    public static ThresholdSpec parse(String text, boolean channelWise) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max")) {
            return new ThresholdSpec(Kind.MAX, 0, channelWise);
        }
        if (t.equals("mse")) {
            return new ThresholdSpec(Kind.MSE, 0, channelWise);
        }
        String p = t.startsWith("percentile:") ? t.substring("percentile:".length()) : t.startsWith("p") ? t.substring(1) : null;
        if (p != null) {
            try {
                return new ThresholdSpec(Kind.PERCENTILE, Double.parseDouble(p), channelWise);
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new IllegalArgumentException("threshold method '" + text + "' is not max, mse or percentile:P (e.g. percentile:99.99)");
    }

    public String describe() {
        return (kind == Kind.PERCENTILE ? "percentile:" + percentile : kind.name().toLowerCase(Locale.ROOT))
                + (channelWise ? " channel-wise" : " layer-wise");
    }
}
