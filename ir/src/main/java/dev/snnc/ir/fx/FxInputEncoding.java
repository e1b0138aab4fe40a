package dev.snnc.ir.fx;

/**
 * How the image drives the first layer of a fixed-point network.
 * <ul>
 * <li>{@link Kind#ANALOG}: every pixel byte is one graded event; the first layer's sum is a constant
 *     current of the populations it drives for the whole run (computed by the host or the engine's
 *     input stage, see {@link FxInput}).</li>
 * <li>{@link Kind#RATE}: every pixel is a deterministic integrate-and-fire encoder that emits binary
 *     spikes each step; the first layer is then ordinary on-chip synapses at the target's weight width,
 *     with the target's synaptic delay. A pixel of byte {@code b} integrates {@code min(b, fullScale)}
 *     per step into an accumulator that starts at {@code fullScale/2} and fires (subtracting
 *     {@code fullScale}) when it reaches {@code fullScale}, so it fires {@code floor(1/2 + t·b/fullScale)}
 *     times in its first t steps: the float SNN's rate encoder with intensity {@code b/fullScale}.
 *     The simulator keeps the accumulator in units of half a byte, so the half is exact.</li>
 * </ul>
 *
 * @param fullScale the byte value of intensity 1 (255 for images scaled by 1/255); 0 for analog input
 */
public record FxInputEncoding(Kind kind, int fullScale) {
    /** The image as per-image constant currents. */
    public static final FxInputEncoding ANALOG = new FxInputEncoding(Kind.ANALOG, 0);

    public enum Kind { ANALOG, RATE }

    public FxInputEncoding {
        if (kind == Kind.RATE && (fullScale < 1 || fullScale > 1 << 20)) {
            throw new IllegalArgumentException("rate-coded input needs a full scale in 1.." + (1 << 20) + ", got " + fullScale);
        }
        if (kind == Kind.ANALOG && fullScale != 0) {
            throw new IllegalArgumentException("analog input has no full scale, got " + fullScale);
        }
    }

    public static FxInputEncoding rate(int fullScale) {
        return new FxInputEncoding(Kind.RATE, fullScale);
    }

    public boolean isRate() {
        return kind == Kind.RATE;
    }
}
