package dev.snnc.calibration.threshold;

import java.util.Locale;

/**
 * How thresholds are chosen from ANN activations: {@code max}, {@code percentile P} or
 * {@code mse} (the reference grid search), layer-wise or channel-wise, times {@code scale}.
 * A scale above 1 lowers every firing rate: for neurons that reset to zero it shrinks the charge
 * lost at each spike relative to the threshold (the input per step is smaller against θ), at the
 * cost of rate resolution, which more timesteps buy back.
 */
public record ThresholdSpec(Kind kind, double percentile, boolean channelWise, double scale) {
    /** The estimator. */
    public enum Kind { MAX, PERCENTILE, MSE }

    public ThresholdSpec {
        if (kind == Kind.PERCENTILE && !(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        if (!(scale >= 0.125 && scale <= 64)) {
            throw new IllegalArgumentException("threshold scale must be in 0.125..64, got " + scale);
        }
    }

    public ThresholdSpec(Kind kind, double percentile, boolean channelWise) {
        this(kind, percentile, channelWise, 1);
    }

    public static ThresholdSpec mse() {
        return new ThresholdSpec(Kind.MSE, 0, false);
    }

    /** Parses {@code max}, {@code mse}, {@code percentile:99.99} (or {@code p99.99}), each optionally {@code *S}. */
    public static ThresholdSpec parse(String text, boolean channelWise) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int star = t.indexOf('*');
        if (star > 0) {
            ThresholdSpec base = parse(t.substring(0, star), channelWise);
            double scale;
            try {
                scale = Double.parseDouble(t.substring(star + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("threshold scale in '" + text + "' is not a number");
            }
            return new ThresholdSpec(base.kind(), base.percentile(), channelWise, scale);
        }
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
        throw new IllegalArgumentException("threshold method '" + text + "' is not max, mse or percentile:P (e.g. "
                + "percentile:99.99), optionally times a scale (e.g. mse*2)");
    }

    public String describe() {
        return (kind == Kind.PERCENTILE ? "percentile:" + percentile : kind.name().toLowerCase(Locale.ROOT))
                + (scale != 1 ? "*" + scale : "") + (channelWise ? " channel-wise" : " layer-wise");
    }
}
