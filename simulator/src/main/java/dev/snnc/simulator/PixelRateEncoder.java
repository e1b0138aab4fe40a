package dev.snnc.simulator;

/**
 * The deterministic rate encoder of {@link dev.snnc.ir.fx.FxInputEncoding.Kind#RATE}: one
 * integrate-and-fire accumulator per pixel, kept in units of half a byte so that its start at half
 * the full scale is exact. A pixel fires at most once per step.
 */
final class PixelRateEncoder {
    private final int[] drive;
    private final int[] accumulator;
    private final int fire;

    /** @param pixels the image's bytes (rounded; clipped to {@code 0..fullScale}) */
    PixelRateEncoder(float[] pixels, int fullScale) {
        drive = new int[pixels.length];
        accumulator = new int[pixels.length];
        fire = 2 * fullScale;
        for (int k = 0; k < pixels.length; k++) {
            drive[k] = 2 * Math.max(0, Math.min(fullScale, Math.round(pixels[k])));
            accumulator[k] = fullScale;
        }
    }

    /** Advances one step; writes the flat indexes of the pixels that fire to {@code spikes}, returns how many. */
    int step(int[] spikes) {
        int n = 0;
        for (int k = 0; k < drive.length; k++) {
            int a = accumulator[k] + drive[k];
            boolean spike = a >= fire;
            accumulator[k] = spike ? a - fire : a;
            spikes[n] = k;
            n += spike ? 1 : 0;
        }
        return n;
    }
}
