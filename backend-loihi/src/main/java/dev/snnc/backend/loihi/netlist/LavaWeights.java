package dev.snnc.backend.loihi.netlist;

import dev.snnc.backend.loihi.mapping.LavaOrder;
import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxSynapses;

/**
 * Weight layouts between snnc's IR and Lava's processes.
 * <ul>
 * <li>Dense: rows are target neurons and columns source neurons, both in Lava order. Lava's
 *     bit-accurate Dense keeps {@code num_weight_bits} by clipping to 8 bits and dropping
 *     {@code 8 − b + 1} low bits in mixed sign mode, so an effective b-bit weight w is stored as
 *     {@code w << (9 − b)} with {@code weight_exp = e − (9 − b)}: exact, and the floor shift of the
 *     sum is the same.</li>
 * <li>Conv: PyTorch {@code [O, I/g, kH, kW]} cross-correlation becomes Lava's {@code (O, kW, kH, I/g)}
 *     true convolution: both spatial axes flipped, then transposed.</li>
 * </ul>
 */
final class LavaWeights {
    private LavaWeights() {
    }

    static int denseShift(int weightBits) {
        return 9 - weightBits;
    }

    static int[] denseToLava(FxSynapses g, Shape target, int weightBits) {
        int outs = g.weightShape()[0];
        int ins = g.weightShape()[1];
        int[] w = g.weights();
        int[] out = new int[w.length];
        int shift = denseShift(weightBits);
        for (int o = 0; o < outs; o++) {
            int lo = LavaOrder.toLava(target, o);
            for (int i = 0; i < ins; i++) {
                out[lo * ins + LavaOrder.toLava(g.sourceShape(), i)] = w[o * ins + i] << shift;
            }
        }
        return out;
    }

    static int[] denseFromLava(int[] stored, int outs, int ins, Shape target, Shape source, int weightBits) {
        int[] out = new int[stored.length];
        int shift = denseShift(weightBits);
        for (int lo = 0; lo < outs; lo++) {
            int o = LavaOrder.toSnnc(target, lo);
            for (int li = 0; li < ins; li++) {
                int v = stored[lo * ins + li];
                if ((v & ((1 << shift) - 1)) != 0) {
                    throw new IllegalArgumentException("dense weight " + v + " has bits below the " + weightBits
                            + "-bit weight's LSB (Lava would drop them)");
                }
                out[o * ins + LavaOrder.toSnnc(source, li)] = v >> shift;
            }
        }
        return out;
    }

    static int[] convToLava(int[] w, int[] shape) {
        int o = shape[0];
        int i = shape[1];
        int kh = shape[2];
        int kw = shape[3];
        int[] out = new int[w.length];
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < i; b++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        int fx = kw - 1 - x;
                        int fy = kh - 1 - y;
                        out[((a * kw + fx) * kh + fy) * i + b] = w[((a * i + b) * kh + y) * kw + x];
                    }
                }
            }
        }
        return out;
    }

    static int[] convFromLava(int[] lava, int[] shape) {
        int o = shape[0];
        int i = shape[1];
        int kh = shape[2];
        int kw = shape[3];
        int[] out = new int[lava.length];
        for (int a = 0; a < o; a++) {
            for (int b = 0; b < i; b++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        out[((a * i + b) * kh + y) * kw + x] = lava[((a * kw + (kw - 1 - x)) * kh + (kh - 1 - y)) * i + b];
                    }
                }
            }
        }
        return out;
    }
}
