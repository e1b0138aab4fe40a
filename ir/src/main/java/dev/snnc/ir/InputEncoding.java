package dev.snnc.ir;

/**
 * How the image reaches the first layer at each of the T steps.
 * {@code ANALOG}: the preprocessed image is a constant input current every step (reference).
 * {@code RATE}: each pixel's intensity p in [0,1] drives a deterministic integrate-and-fire encoder
 * (threshold 1, reset by subtraction, starting at 0.5) whose binary spikes s_t are preprocessed
 * like pixels, {@code (s_t − mean)/std}; over T steps the mean input is the image rounded to
 * multiples of 1/T.
 */
public enum InputEncoding {
    ANALOG, RATE
}
