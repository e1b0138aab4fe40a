package dev.snnc.ir.fx;

/**
 * The one rounding rule of fixed-point mapping: to the nearest integer, ties away from zero, on
 * the magnitude ({@code -2.5 -> -3}, {@code 2.5 -> 3}), so a value and its negation round to
 * negated integers. {@link Math#round} rounds ties up ({@code -2.5 -> -2}) and would make negative
 * weights, biases and thresholds differ from their positive mirror images.
 */
public final class Rounding {
    private Rounding() {
    }

    /**
     * {@code x} rounded half away from zero, saturated to the long range.
     *
     * @throws IllegalArgumentException for NaN (a value that has no integer to round to)
     */
    public static long halfAwayFromZero(double x) {
        if (Double.isNaN(x)) {
            throw new IllegalArgumentException("cannot round NaN to an integer");
        }
        double a = Math.abs(x);
        double f = Math.floor(a);
        double r = a - f >= 0.5 ? f + 1 : f; // a − f is exact, so 0.49999999999999994 stays below the tie
        long m = (long) r; // saturates at Long.MAX_VALUE
        return x < 0 ? -m : m;
    }
}
