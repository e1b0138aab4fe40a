package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.TensorProto;
import dev.snnc.ir.Tensor;

/** ONNX Constant nodes (value tensor, value_float(s), value_int(s)) become named constants. */
final class ConstantImporter {
    private ConstantImporter() {
    }

    static final NodeImporter CONSTANT = (node, origin, attrs, ctx) -> {
        String out = node.getOutput(0);
        if (attrs.getTensor("value").isPresent()) {
            TensorProto t = attrs.getTensor("value").get();
            boolean integral = t.getDataType() == TensorProto.DataType.INT64_VALUE
                    || t.getDataType() == TensorProto.DataType.INT32_VALUE;
            ctx.defineConstant(out, OnnxTensors.toFloatTensor(t, origin), integral ? OnnxTensors.toLongs(t, origin) : null);
        } else if (attrs.has("value_float")) {
            ctx.defineConstant(out, Tensor.of(new float[] {attrs.getFloat("value_float", 0f)}), null);
        } else if (attrs.has("value_int")) {
            long v = attrs.getInt("value_int", 0);
            ctx.defineConstant(out, Tensor.of(new float[] {v}), new long[] {v});
        } else if (attrs.has("value_ints")) {
            int[] v = attrs.getInts("value_ints").orElseThrow();
            float[] f = new float[v.length];
            long[] l = new long[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = v[i];
                l[i] = v[i];
            }
            ctx.defineConstant(out, Tensor.of(f, v.length), l);
        } else {
            throw attrs.unsupported("Constant without a value, value_float, value_int or value_ints attribute");
        }
    };
}
