package dev.snnc.backend.fpga;

import java.util.Arrays;

/**
 * Hex lines of the engine's wide memories. A word is a sequence of fields, field 0 in the least
 * significant bits, each two's complement at its width; a memory of PE lanes of one width has PE
 * equal fields, and a word of several per-lane quantities has PE fields of each, one quantity after
 * the other. A line has {@code ceil(total bits / 4)} hex digits, as {@code $readmemh} reads a
 * memory of that width.
 */
final class Words {
    private Words() {
    }

    /** {@code n} fields of {@code bits} bits each. */
    static int[] widths(int n, int bits) {
        int[] w = new int[n];
        Arrays.fill(w, bits);
        return w;
    }

    /** {@code n} fields of each width in turn: {@code n × a}, then {@code n × b}, … */
    static int[] widths(int n, int... bits) {
        int[] w = new int[n * bits.length];
        for (int i = 0; i < bits.length; i++) {
            Arrays.fill(w, i * n, (i + 1) * n, bits[i]);
        }
        return w;
    }

    static int digits(int[] widths) {
        return (Arrays.stream(widths).sum() + 3) / 4;
    }

    /** Appends one word and a newline; a value that does not fit its width is a bug in the caller's checks. */
    static void append(StringBuilder s, long[] values, int[] widths) {
        int total = 0;
        for (int i = 0; i < values.length; i++) {
            int bits = widths[i];
            long v = values[i];
            if (bits < 64 && (v >= 1L << bits || v < -(1L << (bits - 1)))) {
                throw new IllegalArgumentException("value " + v + " does not fit " + bits + " bits");
            }
            total += bits;
        }
        boolean[] bit = new boolean[total + 3];
        int at = 0;
        for (int i = 0; i < values.length; i++) {
            for (int b = 0; b < widths[i]; b++) {
                bit[at++] = (values[i] >>> b & 1) != 0;
            }
        }
        for (int nibble = (total + 3) / 4 - 1; nibble >= 0; nibble--) {
            int d = 0;
            for (int b = 3; b >= 0; b--) {
                d = d << 1 | (bit[nibble * 4 + b] ? 1 : 0);
            }
            s.append(Character.forDigit(d, 16));
        }
        s.append('\n');
    }

    static long signExtend(long v, int bits) {
        return bits >= 64 ? v : v << (64 - bits) >> (64 - bits);
    }

    /** The fields of one line, sign-extended where {@code signed}; a line of the wrong length or digits is refused. */
    static long[] parse(String line, int[] widths, boolean signed) {
        String h = line.trim();
        if (h.length() != digits(widths)) {
            throw new IllegalArgumentException("a word has " + h.length() + " hex digits, expected " + digits(widths));
        }
        boolean[] bit = new boolean[h.length() * 4];
        for (int i = 0; i < h.length(); i++) {
            int d = Character.digit(h.charAt(i), 16);
            if (d < 0) {
                throw new IllegalArgumentException("'" + h.charAt(i) + "' is not a hex digit");
            }
            int nibble = h.length() - 1 - i;
            for (int b = 0; b < 4; b++) {
                bit[nibble * 4 + b] = (d >> b & 1) != 0;
            }
        }
        long[] out = new long[widths.length];
        int at = 0;
        for (int f = 0; f < widths.length; f++) {
            long v = 0;
            for (int b = 0; b < widths[f]; b++) {
                v |= bit[at++] ? 1L << b : 0;
            }
            out[f] = signed && widths[f] < 64 ? v << (64 - widths[f]) >> (64 - widths[f]) : v;
        }
        return out;
    }
}
