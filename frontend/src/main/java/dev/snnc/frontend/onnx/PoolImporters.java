package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.MaxPool2d;
import dev.snnc.ir.op.Window2d;

/** AveragePool, MaxPool and GlobalAveragePool (2-D). */
final class PoolImporters {
    private PoolImporters() {
    }

    static final NodeImporter AVERAGE = (node, origin, attrs, ctx) -> {
        String x = ctx.activationInput(node, 0, origin);
        Window2d w = window(node, attrs, ctx.shapeOf(x));
        if (w.dilationH() != 1 || w.dilationW() != 1) {
            throw attrs.unsupported("dilated average pooling is not supported");
        }
        ctx.emit(node.getOutput(0), new AvgPool2d(w, attrs.getInt("count_include_pad", 0) != 0), origin, x);
    };

    static final NodeImporter MAX = PoolImporters::max;

    static final NodeImporter GLOBAL_AVERAGE = (node, origin, attrs, ctx) ->
            ctx.emit(node.getOutput(0), new GlobalAvgPool(), origin, ctx.activationInput(node, 0, origin));

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
