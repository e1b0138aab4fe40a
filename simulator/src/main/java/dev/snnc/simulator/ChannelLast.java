package dev.snnc.simulator;

/**
 * The simulator keeps every population's state channel-last (neuron (c, y, x) at
 * {@code (y·W + x)·C + c}), while the IR, spike indexes and dumps are channel-first
 * ({@code c·H·W + y·W + x}). Channel-last lets a conv's scatter land where the neuron update
 * reads, and the update run over channels, whose count is a multiple of the vector width in
 * practice, where planes shrink to 7x7 or 4x4 (ADR 0016). These copy between the two orders.
 */
final class ChannelLast {
    private ChannelLast() {
    }

    /** A channel-first array of {@code channels} planes, reordered channel-last. */
    static long[] fromChannelFirst(long[] first, int channels) {
        return transpose(first, channels);
    }

    /** A channel-last array of {@code channels} channels, reordered channel-first. */
    static long[] toChannelFirst(long[] last, int channels) {
        return transpose(last, last.length / channels);
    }

    /** The transpose of a row-major matrix of {@code rows} rows. */
    private static long[] transpose(long[] a, int rows) {
        int cols = a.length / rows;
        long[] t = new long[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    /** The channel-last position of channel-first index {@code index} in planes of {@code plane} neurons. */
    static int index(int index, int plane, int channels) {
        int c = index / plane;
        return (index - c * plane) * channels + c;
    }
}
