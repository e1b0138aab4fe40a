package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Node;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Linear;
import java.util.Optional;

/**
 * ONNX Add. Two activations: a residual {@link Add}. An activation plus a per-channel constant
 * directly after a Conv/Linear/MatMul read by nothing else: folded into that layer's bias (the
 * MatMul+Add form PyTorch exports for Linear). Any other constant Add is rejected.
 */
final class AddImporter implements NodeImporter {
    @Override
    public void convert(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        if (node.getInputCount() != 2) {
            throw attrs.unsupported("Add needs 2 inputs, has " + node.getInputCount());
        }
        boolean c0 = ctx.isConstant(node.getInput(0));
        boolean c1 = ctx.isConstant(node.getInput(1));
        if (!c0 && !c1) {
            String a = ctx.activationInput(node, 0, origin);
            String b = ctx.activationInput(node, 1, origin);
            ctx.emit(node.getOutput(0), new Add(), origin, a, b);
            return;
        }
        if (c0 && c1) {
            throw attrs.unsupported("Add of two constants should have been folded by the exporter");
        }
        int act = c0 ? 1 : 0;
        String x = ctx.activationInput(node, act, origin);
        Tensor constant = ctx.constantInput(node, 1 - act, origin, "addend");
        foldIntoBias(node.getInput(act), x, constant, origin, attrs, ctx);
        ctx.alias(node.getOutput(0), x);
    }

    private static void foldIntoBias(String onnxX, String x, Tensor constant, Origin origin, OnnxAttributes attrs,
                                     ImportContext ctx) {
        Optional<Node> producer = ctx.producer(x);
        Shape shape = ctx.shapeOf(x);
        boolean soleReader = ctx.useCount(onnxX) == 1;
        if (producer.isPresent() && soleReader && producer.get().op() instanceof Linear lin) {
            Tensor add = LinearAlgebra.broadcastVector(constant, lin.outFeatures(), 1, attrs);
            ctx.replaceOp(x, lin.withParameters(lin.weight(), plus(lin.bias(), add)));
        } else if (producer.isPresent() && soleReader && producer.get().op() instanceof Conv2d conv) {
            Tensor add = LinearAlgebra.broadcastVector(constant, conv.outChannels(), 3, attrs);
            ctx.replaceOp(x, conv.withParameters(conv.weight(), plus(conv.bias(), add)));
        } else {
            throw attrs.unsupported("adding constant " + constant.describe() + " to a " + shape
                    + " value is only supported as the bias of the Conv/Gemm/MatMul directly before it");
        }
    }

    private static Tensor plus(Tensor a, Tensor b) {
        float[] v = a.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] += b.get(i);
        }
        return Tensor.of(v, a.shape());
    }
}
