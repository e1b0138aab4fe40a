package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Window2d;

/** ONNX Conv (2-D, constant weights, any group count) to {@link Conv2d}. */
final class ConvImporter implements NodeImporter {
    @Override
    public void convert(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        ImportContext.PendingPad padded = ctx.paddedActivationInput(node, 0, origin);
        String x = padded.irValue();
        Shape in = ctx.shapeOf(x);
        if (in.rank() != 3) {
            throw attrs.unsupported("Conv input " + in + " is not a [C,H,W] feature map; only 2-D convolution is supported");
        }
        Tensor w = ctx.constantInput(node, 1, origin, "weight");
        if (w.rank() != 4) {
            throw attrs.unsupported("weight " + w.describe() + " is not 4-D; only 2-D convolution is supported");
        }
        Tensor b = ctx.optionalConstantInput(node, 2, origin, "bias").orElse(Tensor.zeros(w.dim(0)));
        int[] kernel = attrs.getInts("kernel_shape").orElse(new int[] {w.dim(2), w.dim(3)});
        if (kernel.length != 2 || kernel[0] != w.dim(2) || kernel[1] != w.dim(3)) {
            throw attrs.unsupported("kernel_shape " + java.util.Arrays.toString(kernel) + " disagrees with weight " + w.describe());
        }
        long groupAttr = attrs.getInt("group", 1);
        if (groupAttr < 1 || groupAttr > w.dim(0)) {
            throw attrs.unsupported("group " + groupAttr + " must be in 1.." + w.dim(0) + " (the output channels)");
        }
        int groups = (int) groupAttr;
        Window2d window = WindowAttributes.fits(attrs, WindowAttributes.withExtraPadding(attrs,
                WindowAttributes.read(attrs, kernel, in, false), padded.padding()), in);
        Conv2d conv;
        try {
            conv = new Conv2d(w, b.reshape(b.size()), window, groups);
        } catch (IllegalArgumentException e) {
            throw attrs.unsupported(e.getMessage());
        }
        ctx.emit(node.getOutput(0), conv, origin, x);
    }
}
