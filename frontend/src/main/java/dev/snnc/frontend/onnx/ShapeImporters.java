package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.op.Flatten;
import java.util.Arrays;

/**
 * Flatten (axis 1) and Reshape used as a flatten ({@code [N, -1]}, {@code [0, -1]}, {@code [N, F]});
 * Identity and Dropout (inference mode) become aliases of their input, activation or constant.
 */
final class ShapeImporters {
    private ShapeImporters() {
    }

    static final NodeImporter FLATTEN = (node, origin, attrs, ctx) -> {
        long axis = attrs.getInt("axis", 1);
        int rank = ctx.shapeOf(ctx.activationInput(node, 0, origin)).rank() + 1; // with the batch axis
        if (axis < 0) {
            axis += rank;
        }
        if (axis != 1) {
            throw attrs.unsupported("Flatten axis=" + axis + "; only axis=1 (keep the batch dimension) is supported");
        }
        flatten(node, origin, ctx);
    };

    static final NodeImporter RESHAPE = ShapeImporters::reshape;

    static final NodeImporter PASS_THROUGH = (node, origin, attrs, ctx) -> {
        for (int i = 1; i < node.getOutputCount(); i++) {
            if (!node.getOutput(i).isEmpty() && ctx.useCount(node.getOutput(i)) > 0) {
                throw attrs.unsupported("output " + i + " (the dropout mask) is used; only inference-mode Dropout is supported");
            }
        }
        if (node.getOpType().equals("Dropout") && node.getInputCount() > 2 && !node.getInput(2).isEmpty()) {
            long[] training = ctx.intConstantInput(node, 2, origin, "training_mode");
            if (training.length == 1 && training[0] != 0) {
                throw attrs.unsupported("training_mode=true; export the model in eval mode");
            }
        }
        if (node.getInputCount() > 0 && ctx.isConstant(node.getInput(0))) {
            ctx.aliasConstant(node.getOutput(0), node.getInput(0)); // exporters alias shared parameters this way
            return;
        }
        ctx.alias(node.getOutput(0), ctx.activationInput(node, 0, origin));
    };

    private static void flatten(NodeProto node, Origin origin, ImportContext ctx) {
        String x = ctx.activationInput(node, 0, origin);
        if (ctx.shapeOf(x).rank() == 1) {
            ctx.alias(node.getOutput(0), x);
        } else {
            ctx.emit(node.getOutput(0), new Flatten(), origin, x);
        }
    }

    private static void reshape(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        String x = ctx.activationInput(node, 0, origin);
        long[] target = ctx.intConstantInput(node, 1, origin, "shape");
        Shape in = ctx.shapeOf(x);
        long features = in.size();
        boolean flattenLike = target.length == 2
                && (target[0] == -1 || target[0] == 0 || target[0] >= 1)
                && (target[1] == -1 || target[1] == features)
                && !(target[0] == -1 && target[1] == -1);
        if (!flattenLike) {
            throw attrs.unsupported("Reshape to " + Arrays.toString(target) + " from per-sample shape " + in
                    + "; only a flatten to [batch, " + features + "] is supported");
        }
        flatten(node, origin, ctx);
    }
}
