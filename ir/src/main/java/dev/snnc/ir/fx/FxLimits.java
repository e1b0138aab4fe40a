package dev.snnc.ir.fx;

/**
 * What a fixed-point network may ask for, so that reading a stranger's file bounds the memory and
 * time spent on it. Generous for real networks (MobileNetV1 at 224x224 has about 5.6 million
 * neurons and 4.2 million weights); each can be raised with a system property of the same name
 * ({@code -Dsnnc.limit.timesteps=...}) through the launcher's {@code SNNC_JAVA_OPTS}.
 */
public final class FxLimits {
    /** Timesteps per image. */
    public static final int MAX_TIMESTEPS = Integer.getInteger("snnc.limit.timesteps", 100_000);
    /** Neurons over all populations. */
    public static final long MAX_NEURONS = Long.getLong("snnc.limit.neurons", 1L << 27);
    /** Weights over all synapse groups. */
    public static final long MAX_WEIGHTS = Long.getLong("snnc.limit.weights", 1L << 28);

    private FxLimits() {
    }
}
