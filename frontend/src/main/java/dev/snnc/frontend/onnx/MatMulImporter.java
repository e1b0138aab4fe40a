package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.Linear;

/**
 * ONNX MatMul of the activation by a constant matrix {@code [K,O]} to a bias-free {@link Linear};
 * a following Add of a constant vector becomes its bias (see {@link AddImporter}).
 */
final class MatMulImporter implements NodeImporter {
    @Override
    public void convert(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        String a = ctx.activationInput(node, 0, origin);
        Tensor b = ctx.constantInput(node, 1, origin, "B");
        if (b.rank() != 2) {
            throw attrs.unsupported("B " + b.describe() + " is not a matrix; only activation x constant matrix is supported");
        }
        Tensor weight = LinearAlgebra.transpose(b);
        ctx.emit(node.getOutput(0), new Linear(weight, Tensor.zeros(weight.dim(0))), origin, a);
    }
}
