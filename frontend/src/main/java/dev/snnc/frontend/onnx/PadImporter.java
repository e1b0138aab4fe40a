package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.op.Padding;
import java.util.Arrays;

/**
 * ONNX Pad with mode constant, value 0, on the spatial axes of a [N,C,H,W] map. All-zero pads are
 * an alias; otherwise the padding is absorbed by the Conv or AveragePool that reads it (PyTorch
 * exports count-include-pad average pooling this way). Anything else is rejected.
 */
final class PadImporter implements NodeImporter {
    @Override
    public void convert(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        String mode = attrs.getString("mode", "constant");
        if (!mode.equals("constant")) {
            throw attrs.unsupported("Pad mode '" + mode + "'; only constant zero padding is supported");
        }
        String x = ctx.activationInput(node, 0, origin);
        long[] pads;
        float value;
        if (ctx.opset() < 11) {
            pads = Arrays.stream(attrs.getInts("pads").orElseThrow(() -> attrs.unsupported("pads attribute is required")))
                    .asLongStream().toArray();
            value = attrs.getFloat("value", 0f);
        } else {
            pads = ctx.intConstantInput(node, 1, origin, "pads");
            value = ctx.optionalConstantInput(node, 2, origin, "constant_value").map(t -> t.get(0)).orElse(0f);
            if (node.getInputCount() > 3 && !node.getInput(3).isEmpty()) {
                throw attrs.unsupported("the axes input of Pad is not supported");
            }
        }
        int rank = ctx.shapeOf(x).rank() + 1;
        if (pads.length != 2 * rank) {
            throw attrs.unsupported("pads " + Arrays.toString(pads) + " do not have 2 x " + rank + " values");
        }
        if (value != 0f) {
            throw attrs.unsupported("constant_value " + value + "; only zero padding is supported");
        }
        if (Arrays.stream(pads).allMatch(p -> p == 0)) {
            ctx.alias(node.getOutput(0), x);
            return;
        }
        if (rank != 4 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 || pads[5] != 0
                || Arrays.stream(pads).anyMatch(p -> p < 0 || p > Integer.MAX_VALUE)) {
            throw attrs.unsupported("pads " + Arrays.toString(pads) + "; only non-negative padding of H and W is supported");
        }
        ctx.definePad(node.getOutput(0), x, new Padding((int) pads[2], (int) pads[3], (int) pads[6], (int) pads[7]));
    }
}
