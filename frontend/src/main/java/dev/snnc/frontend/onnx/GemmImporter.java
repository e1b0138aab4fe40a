package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.Linear;

/**
 * ONNX Gemm {@code Y = alpha·A·op(B) + beta·C} with A the activation (transA=0) and B, C constants,
 * to {@link Linear} with weight {@code alpha·op(B)ᵀ} and bias {@code beta·C}.
 */
final class GemmImporter implements NodeImporter {
    @Override
    public void convert(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        if (attrs.getInt("transA", 0) != 0) {
            throw attrs.unsupported("transA=1 (transposed activations) is not supported");
        }
        String a = ctx.activationInput(node, 0, origin);
        Tensor b = ctx.constantInput(node, 1, origin, "B");
        if (b.rank() != 2) {
            throw attrs.unsupported("B " + b.describe() + " is not a matrix");
        }
        boolean transB = attrs.getInt("transB", 0) != 0;
        float alpha = attrs.getFloat("alpha", 1f);
        float beta = attrs.getFloat("beta", 1f);
        Tensor weight = transB ? b : LinearAlgebra.transpose(b);
        weight = LinearAlgebra.scale(weight, alpha);
        int out = weight.dim(0);
        Tensor bias = ctx.optionalConstantInput(node, 2, origin, "C")
                .map(c -> LinearAlgebra.broadcastVector(c, out, 1, attrs))
                .map(c -> LinearAlgebra.scale(c, beta))
                .orElse(Tensor.zeros(out));
        ctx.emit(node.getOutput(0), new Linear(weight, bias), origin, a);
    }
}
