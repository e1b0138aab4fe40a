package dev.snnc.calibration.threshold;

import java.util.Locale;

/**
 * How thresholds are chosen from ANN activations: {@code max}, {@code percentile P} or
 * {@code mse} (the reference grid search), layer-wise or channel-wise, times {@code scale}.
 * A scale above 1 lowers every firing rate: for neurons that reset to zero it shrinks the charge
 * lost at each spike relative to the threshold (the input per step is smaller against θ), at the
 * cost of rate resolution, which more timesteps buy back.
 */
public record ThresholdSpec(Kind kind, double percentile, boolean channelWise, double scale, double fireRatio) {
    /** The estimator. */
    public enum Kind { MAX, PERCENTILE, MSE }

    /**
     * {@code fireRatio} value meaning "search it per layer" (for neurons that reset to zero; see
     * {@link dev.snnc.ir.op.IfNeuron#fireRatio()}): the default.
     */
    public static final double SEARCH_FIRE_RATIO = 0;

    public ThresholdSpec {
        if (fireRatio != SEARCH_FIRE_RATIO && !(fireRatio > 0 && fireRatio <= 1)) {
            throw new IllegalArgumentException("fire ratio must be in (0, 1] (or searched), got " + fireRatio);
        }
        if (kind == Kind.PERCENTILE && !(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        if (!(scale >= 0.125 && scale <= 64)) {
            throw new IllegalArgumentException("threshold scale must be in 0.125..64, got " + scale);
        }
    }

    public ThresholdSpec(Kind kind, double percentile, boolean channelWise, double scale) {
        this(kind, percentile, channelWise, scale, SEARCH_FIRE_RATIO);
    }

    public ThresholdSpec(Kind kind, double percentile, boolean channelWise) {
        this(kind, percentile, channelWise, 1);
    }

    /** The same spec with a fixed fire ratio for reset-to-zero neurons ({@link #SEARCH_FIRE_RATIO} to search). */
    public ThresholdSpec withFireRatio(double ratio) {
        return new ThresholdSpec(kind, percentile, channelWise, scale, ratio);
    }

    public boolean searchesFireRatio() {
        return fireRatio == SEARCH_FIRE_RATIO;
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
                + (scale != 1 ? "*" + scale : "") + (channelWise ? " channel-wise" : " layer-wise")
                + (searchesFireRatio() ? "" : " fire-ratio " + fireRatio);
    }
}
