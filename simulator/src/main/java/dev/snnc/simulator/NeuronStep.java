package dev.snnc.simulator;

/** The integer pieces of one neuron update shared by every target (see {@link ImageRun}). */
final class NeuronStep {
    private NeuronStep() {
    }

    /**
     * {@code u = a_in << shift}, then Lava's single wrap correction at {@code bits}: above
     * {@code 2^(bits−1)} subtract {@code 2^bits}, at or below {@code −2^(bits−1)} add it. Wide
     * targets ({@code bits >= 63}) never wrap.
     */
    static long current(long aIn, int shift, int bits) {
        long u = aIn << shift;
        if (bits >= 63) {
            return u;
        }
        long half = 1L << (bits - 1);
        if (u > half) {
            u -= 2 * half;
        } else if (u <= -half) {
            u += 2 * half;
        }
        return u;
    }

    static long saturate(long v, long max) {
        return v > max ? max : v < -max ? -max : v;
    }
}
