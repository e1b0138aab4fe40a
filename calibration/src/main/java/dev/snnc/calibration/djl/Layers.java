package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;

/**
 * The synaptic-layer arithmetic on DJL with explicit weights, shared by inference (weights from
 * the graph) and weight calibration (weights being trained).
 */
public final class Layers {
    private Layers() {
    }

    public static NDArray conv(NDArray in, NDArray weight, NDArray bias, Conv2d op) {
        Window2d w = op.window();
        NDArray x = in;
        Shape pad = new Shape(0, 0);
        if (w.padding().isSymmetric()) {
            pad = new Shape(w.padding().top(), w.padding().left());
        } else {
            x = padSpatial(in, w.padding(), 0.0);
        }
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, weight, bias, new Shape(w.strideH(), w.strideW()), pad,
                new Shape(w.dilationH(), w.dilationW()), op.groups()).singletonOrThrow();
    }

    public static NDArray linear(NDArray in, NDArray weight, NDArray bias) {
        return ai.djl.nn.core.Linear.linear(in, weight, bias).singletonOrThrow();
    }

    /** Pads the last two axes; libtorch's pad order is (left, right, top, bottom). */
    static NDArray padSpatial(NDArray in, Padding p, double value) {
        return in.pad(new Shape(p.left(), p.right(), p.top(), p.bottom()), value);
    }
}
