package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.Clip;
import dev.snnc.ir.op.Relu;

/** Relu and Clip (ReLU6); Clip's bounds come from attributes (opset &lt; 11) or constant inputs. */
final class ActivationImporters {
    private ActivationImporters() {
    }

    static final NodeImporter RELU = (node, origin, attrs, ctx) ->
            ctx.emit(node.getOutput(0), new Relu(), origin, ctx.activationInput(node, 0, origin));

    static final NodeImporter CLIP = ActivationImporters::clip;

    private static void clip(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        String x = ctx.activationInput(node, 0, origin);
        float min;
        float max;
        if (ctx.opset() < 11) {
            min = attrs.getFloat("min", Float.NEGATIVE_INFINITY);
            max = attrs.getFloat("max", Float.POSITIVE_INFINITY);
        } else {
            min = bound(node, 1, origin, ctx, Float.NEGATIVE_INFINITY, attrs);
            max = bound(node, 2, origin, ctx, Float.POSITIVE_INFINITY, attrs);
        }
        if (Float.isNaN(min) || Float.isNaN(max)) {
            throw attrs.unsupported("Clip bound is NaN (min " + min + ", max " + max + ")");
        }
        if (min > max) {
            throw attrs.unsupported("Clip min " + min + " exceeds max " + max);
        }
        boolean plainRelu = min == 0f && max == Float.POSITIVE_INFINITY;
        ctx.emit(node.getOutput(0), plainRelu ? new Relu() : new Clip(min, max), origin, x);
    }

    private static float bound(NodeProto node, int index, Origin origin, ImportContext ctx, float absent,
                               OnnxAttributes attrs) {
        Tensor t = ctx.optionalConstantInput(node, index, origin, index == 1 ? "min" : "max").orElse(null);
        if (t == null) {
            return absent;
        }
        if (t.size() != 1) {
            throw attrs.unsupported("Clip bound " + t.describe() + " must be a scalar");
        }
        return t.get(0);
    }
}
