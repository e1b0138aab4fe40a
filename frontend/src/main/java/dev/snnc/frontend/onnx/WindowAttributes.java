package dev.snnc.frontend.onnx;

import dev.snnc.ir.Shape;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;

/**
 * Reads the sliding-window attributes shared by Conv, AveragePool and MaxPool: kernel_shape,
 * strides, dilations, pads (begin..., end...) and auto_pad (NOTSET, VALID, SAME_UPPER, SAME_LOWER).
 */
final class WindowAttributes {
    private WindowAttributes() {
    }

    static Window2d read(OnnxAttributes attrs, int[] kernel, Shape input, boolean allowCeil) {
        int[] strides = attrs.spatialPair("strides", 1);
        int[] dilations = attrs.spatialPair("dilations", 1);
        ImportLimits.requireRange(attrs, "kernel_shape", kernel, 1, ImportLimits.MAX_KERNEL, "snnc.limit.kernel");
        ImportLimits.requireRange(attrs, "strides", strides, 1, ImportLimits.MAX_STRIDE, "snnc.limit.stride");
        ImportLimits.requireRange(attrs, "dilations", dilations, 1, ImportLimits.MAX_STRIDE, "snnc.limit.stride");
        boolean ceil = attrs.getInt("ceil_mode", 0) != 0;
        if (ceil && !allowCeil) {
            throw attrs.unsupported("ceil_mode=1 is not supported here");
        }
        String autoPad = attrs.getString("auto_pad", "NOTSET");
        Padding padding = switch (autoPad) {
            case "NOTSET" -> explicitPads(attrs);
            case "VALID" -> Padding.NONE;
            case "SAME_UPPER", "SAME_LOWER" -> samePadding(input, kernel, strides, dilations, autoPad.equals("SAME_UPPER"));
            default -> throw attrs.unsupported("auto_pad value '" + autoPad + "' is not one of NOTSET, VALID, SAME_UPPER, SAME_LOWER");
        };
        ImportLimits.requireRange(attrs, "pads", new int[] {padding.top(), padding.left(), padding.bottom(), padding.right()},
                0, ImportLimits.MAX_PADDING, "snnc.limit.padding");
        Window2d w = new Window2d(kernel[0], kernel[1], strides[0], strides[1], dilations[0], dilations[1], padding, ceil);
        return fits(attrs, w, input);
    }

    /** The window must produce at least one output over the (padded) input. */
    static Window2d fits(OnnxAttributes attrs, Window2d w, Shape input) {
        try {
            w.outputHeight(input.dim(1));
            w.outputWidth(input.dim(2));
        } catch (IllegalArgumentException e) {
            throw attrs.unsupported("window " + w.describe() + " over input " + input + ": " + e.getMessage());
        }
        return w;
    }

    /** The window with {@code extra} zero padding added on each side (from a preceding Pad node). */
    static Window2d withExtraPadding(OnnxAttributes attrs, Window2d w, Padding extra) {
        if (extra.equals(Padding.NONE)) {
            return w;
        }
        Padding p = w.padding();
        Padding sum = new Padding(p.top() + extra.top(), p.left() + extra.left(), p.bottom() + extra.bottom(),
                p.right() + extra.right());
        ImportLimits.requireRange(attrs, "pads (with the preceding Pad)", new int[] {sum.top(), sum.left(), sum.bottom(),
            sum.right()}, 0, ImportLimits.MAX_PADDING, "snnc.limit.padding");
        return new Window2d(w.kernelH(), w.kernelW(), w.strideH(), w.strideW(), w.dilationH(), w.dilationW(), sum,
                w.ceilMode());
    }

    private static Padding explicitPads(OnnxAttributes attrs) {
        int[] pads = attrs.getInts("pads").orElse(new int[4]);
        if (pads.length != 4) {
            throw attrs.unsupported("pads has " + pads.length + " values; a 2-D operation needs 4");
        }
        for (int p : pads) {
            if (p < 0) {
                throw attrs.unsupported("negative padding " + java.util.Arrays.toString(pads) + " is not supported");
            }
        }
        return new Padding(pads[0], pads[1], pads[2], pads[3]);
    }

    /** SAME_*: output = ceil(in / stride); the odd pixel of padding goes to the end (UPPER) or start (LOWER). */
    private static Padding samePadding(Shape in, int[] k, int[] s, int[] d, boolean upper) {
        int[] begin = new int[2];
        int[] end = new int[2];
        for (int axis = 0; axis < 2; axis++) {
            int size = in.dim(axis + 1);
            int out = (size + s[axis] - 1) / s[axis];
            int total = Math.max(0, (out - 1) * s[axis] + d[axis] * (k[axis] - 1) + 1 - size);
            int small = total / 2;
            begin[axis] = upper ? small : total - small;
            end[axis] = total - begin[axis];
        }
        return new Padding(begin[0], begin[1], end[0], end[1]);
    }
}
