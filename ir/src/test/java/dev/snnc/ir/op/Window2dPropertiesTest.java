package dev.snnc.ir.op;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Output sizes against brute-force enumeration of window positions (PyTorch's rules). */
class Window2dPropertiesTest {
    @Property(tries = 500)
    void outputSizeCountsValidWindowStarts(@ForAll @IntRange(min = 1, max = 20) int in,
                                           @ForAll @IntRange(min = 1, max = 5) int k,
                                           @ForAll @IntRange(min = 1, max = 4) int s,
                                           @ForAll @IntRange(min = 1, max = 3) int d,
                                           @ForAll @IntRange(min = 0, max = 2) int padBegin,
                                           @ForAll @IntRange(min = 0, max = 2) int padEnd,
                                           @ForAll boolean ceil) {
        int span = d * (k - 1) + 1;
        int padded = in + padBegin + padEnd;
        if (span > padded || padBegin > k / 2 || padEnd > k / 2) {
            return; // PyTorch and ONNX exporters only produce padding up to half the kernel
        }
        // Windows start at 0, s, 2s, ...; floor mode stops before a window would hang over the end,
        // ceil mode adds one while pixels are still uncovered, but drops a window starting past the
        // input plus leading padding.
        int count = 0;
        for (int start = 0; ; start += s) {
            if (start + span > padded && !ceil) {
                break;
            }
            if (!ceil || start < in + padBegin) {
                count++;
            }
            if (start + span >= padded) {
                break;
            }
        }
        Window2d w = new Window2d(k, 1, s, 1, d, 1, new Padding(padBegin, 0, padEnd, 0), ceil);
        assertEquals(count, w.outputHeight(in), "in=" + in + " k=" + k + " s=" + s + " d=" + d + " pads="
                + padBegin + "," + padEnd + " ceil=" + ceil);
    }
}
