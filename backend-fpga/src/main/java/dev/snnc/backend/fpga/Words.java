package dev.snnc.backend.fpga;

/**
 * Hex lines of the engine's wide memories: a word holds {@code lanes} values of {@code bits} bits,
 * lane 0 in the least significant bits, each two's complement at its width; a line has
 * {@code ceil(lanes·bits/4)} hex digits, as {@code $readmemh} reads a memory of that width.
 */
final class Words {
    private Words() {
    }

    static int digits(int lanes, int bits) {
        return (lanes * bits + 3) / 4;
    }

    /** Appends one word and a newline; a value that does not fit {@code bits} is a bug in the caller's checks. */
    static void append(StringBuilder s, long[] lanes, int bits) {
        for (long v : lanes) {
            if (bits < 64 && (v >= 1L << bits || v < -(1L << (bits - 1)))) {
                throw new IllegalArgumentException("value " + v + " does not fit " + bits + " bits");
            }
        }
        for (int nibble = digits(lanes.length, bits) - 1; nibble >= 0; nibble--) {
            int d = 0;
            for (int b = 3; b >= 0; b--) {
                int bit = nibble * 4 + b;
                int lane = bit / bits;
                d = d << 1 | (lane < lanes.length && (lanes[lane] >>> (bit % bits) & 1) != 0 ? 1 : 0);
            }
            s.append(Character.forDigit(d, 16));
        }
        s.append('\n');
    }

    /** The lanes of one line, sign-extended when {@code signed}; a line of the wrong length or digits is refused. */
    static long[] parse(String line, int lanes, int bits, boolean signed) {
        String h = line.trim();
        if (h.length() != digits(lanes, bits)) {
            throw new IllegalArgumentException("a word has " + h.length() + " hex digits, expected " + digits(lanes, bits));
        }
        long[] out = new long[lanes];
        for (int i = 0; i < h.length(); i++) {
            int d = Character.digit(h.charAt(i), 16);
            if (d < 0) {
                throw new IllegalArgumentException("'" + h.charAt(i) + "' is not a hex digit");
            }
            int nibble = h.length() - 1 - i;
            for (int b = 0; b < 4; b++) {
                int bit = nibble * 4 + b;
                if ((d >> b & 1) != 0 && bit / bits < lanes) {
                    out[bit / bits] |= 1L << (bit % bits);
                }
            }
        }
        if (signed && bits < 64) {
            for (int j = 0; j < lanes; j++) {
                out[j] = out[j] << (64 - bits) >> (64 - bits);
            }
        }
        return out;
    }
}
