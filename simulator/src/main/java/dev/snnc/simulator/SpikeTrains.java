package dev.snnc.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * The spikes of chosen populations at every step of every image of one run, kept so that later
 * runs of a network that differs only in later populations can replay them instead of simulating
 * everything before (layer-by-layer recalibration changes one population at a time). Replay is
 * exact: the recorded populations and all they depend on must be unchanged.
 */
public final class SpikeTrains {
    private final int images;
    private final int steps;
    /**
     * Per population: {@code [image][step]} the indexes of the neurons that fired, each the difference
     * to the previous one as a zigzag varint: about a byte a spike at converted networks' firing rates,
     * a quarter of an int list (a 224x224 MobileNetV1's first populations over 128 images held 2 GB as
     * int lists during quantization).
     */
    private final Map<Integer, byte[][][]> byPopulation = new HashMap<>();

    public SpikeTrains(int images, int steps) {
        this.images = images;
        this.steps = steps;
    }

    /** Makes room for {@code population}'s trains (before a parallel run fills them image by image). */
    void prepare(int population) {
        byPopulation.put(population, new byte[images][steps][]);
    }

    void put(int population, int image, int step, int[] spikes, int count) {
        byPopulation.get(population)[image][step] = encode(spikes, count);
    }

    boolean has(int population) {
        return byPopulation.containsKey(population);
    }

    /** Writes the recorded indexes into {@code into} and returns how many there are. */
    int get(int population, int image, int step, int[] into) {
        return decode(byPopulation.get(population)[image][step], into);
    }

    static byte[] encode(int[] spikes, int count) {
        int size = 0;
        int previous = 0;
        for (int i = 0; i < count; i++) {
            size += varintBytes(zigzag(spikes[i] - previous));
            previous = spikes[i];
        }
        byte[] out = new byte[size];
        int at = 0;
        previous = 0;
        for (int i = 0; i < count; i++) {
            int v = zigzag(spikes[i] - previous);
            previous = spikes[i];
            while ((v & ~0x7F) != 0) {
                out[at++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out[at++] = (byte) v;
        }
        return out;
    }

    static int decode(byte[] coded, int[] into) {
        int count = 0;
        int previous = 0;
        int at = 0;
        while (at < coded.length) {
            int v = 0;
            int shift = 0;
            byte b;
            do {
                b = coded[at++];
                v |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            previous += (v >>> 1) ^ -(v & 1);
            into[count++] = previous;
        }
        return count;
    }

    private static int zigzag(int d) {
        return (d << 1) ^ (d >> 31);
    }

    private static int varintBytes(int v) {
        return v == 0 ? 1 : (38 - Integer.numberOfLeadingZeros(v)) / 7;
    }

    int images() {
        return images;
    }

    int steps() {
        return steps;
    }

    /** Forgets populations below {@code population} (what no later run will replay). */
    public void dropBefore(int population) {
        byPopulation.keySet().removeIf(p -> p < population);
    }
}
