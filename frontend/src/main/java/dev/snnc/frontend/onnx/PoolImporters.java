package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.MaxPool2d;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;

/** AveragePool, MaxPool and GlobalAveragePool (2-D). */
final class PoolImporters {
    private PoolImporters() {
    }

    static final NodeImporter AVERAGE = PoolImporters::average;

    static final NodeImporter MAX = PoolImporters::max;

    static final NodeImporter GLOBAL_AVERAGE = (node, origin, attrs, ctx) ->
            ctx.emit(node.getOutput(0), new GlobalAvgPool(), origin, ctx.activationInput(node, 0, origin));

    /**
     * A zero Pad before the pool contributes pixels that count in the average, so it merges only
     * when the pool counts its own padding too (or has none).
     */
    private static void average(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        ImportContext.PendingPad padded = ctx.paddedActivationInput(node, 0, origin);
        String x = padded.irValue();
        Window2d w = window(node, attrs, ctx.shapeOf(x));
        if (w.dilationH() != 1 || w.dilationW() != 1) {
            throw attrs.unsupported("dilated average pooling is not supported");
        }
        boolean countPad = attrs.getInt("count_include_pad", 0) != 0;
        if (!padded.padding().equals(Padding.NONE)) {
            if (!countPad && !w.padding().equals(Padding.NONE)) {
                throw attrs.unsupported("a Pad node before AveragePool with its own pads and count_include_pad=0");
            }
            w = WindowAttributes.fits(attrs, WindowAttributes.withExtraPadding(attrs, w, padded.padding()), ctx.shapeOf(x));
            countPad = true;
        }
        ctx.emit(node.getOutput(0), new AvgPool2d(w, countPad), origin, x);
    }

    private static void max(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        if (node.getOutputCount() > 1 && !node.getOutput(1).isEmpty() && ctx.useCount(node.getOutput(1)) > 0) {
            throw attrs.unsupported("the Indices output of MaxPool is used; only the pooled values are supported");
        }
        if (attrs.getInt("storage_order", 0) != 0) {
            throw attrs.unsupported("storage_order=1 only affects Indices, which are not supported");
        }
        String x = ctx.activationInput(node, 0, origin);
        Window2d w = window(node, attrs, ctx.shapeOf(x));
        if (w.dilationH() != 1 || w.dilationW() != 1) {
            throw attrs.unsupported("dilated max pooling (dilations " + w.dilationH() + "x" + w.dilationW()
                    + ") is not supported");
        }
        ctx.emit(node.getOutput(0), new MaxPool2d(w), origin, x);
    }

    private static Window2d window(NodeProto node, OnnxAttributes attrs, Shape in) {
        if (in.rank() != 3) {
            throw attrs.unsupported(node.getOpType() + " input " + in + " is not a [C,H,W] feature map");
        }
        int[] kernel = attrs.getInts("kernel_shape")
                .orElseThrow(() -> attrs.unsupported("kernel_shape attribute is required"));
        if (kernel.length != 2) {
            throw attrs.unsupported("kernel_shape has " + kernel.length + " values; only 2-D pooling is supported");
        }
        return WindowAttributes.read(attrs, kernel, in, true);
    }
}
