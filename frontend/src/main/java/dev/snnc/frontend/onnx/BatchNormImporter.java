package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.ChannelAffine;

/**
 * Inference-mode ONNX BatchNormalization to a {@link ChannelAffine}
 * {@code y = x·γ/σ + (β − μ·γ/σ)}, {@code σ = sqrt(var + ε)}; the FoldBatchNorm pass later folds
 * it into the preceding Conv/Linear where possible.
 */
final class BatchNormImporter implements NodeImporter {
    @Override
    public void convert(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx) {
        if (attrs.getInt("training_mode", 0) != 0) {
            throw attrs.unsupported("training_mode=1; export the model in eval mode");
        }
        for (int i = 1; i < node.getOutputCount(); i++) {
            if (!node.getOutput(i).isEmpty() && ctx.useCount(node.getOutput(i)) > 0) {
                throw attrs.unsupported("running mean/variance outputs are used; only inference-mode BatchNorm is supported");
            }
        }
        String x = ctx.activationInput(node, 0, origin);
        int c = ctx.shapeOf(x).dim(0);
        float[] gamma = vector(ctx.constantInput(node, 1, origin, "scale"), c, attrs, "scale");
        float[] beta = vector(ctx.constantInput(node, 2, origin, "B"), c, attrs, "B");
        float[] mean = vector(ctx.constantInput(node, 3, origin, "mean"), c, attrs, "mean");
        float[] var = vector(ctx.constantInput(node, 4, origin, "var"), c, attrs, "var");
        double eps = attrs.getFloat("epsilon", 1e-5f);
        float[] scale = new float[c];
        float[] shift = new float[c];
        for (int i = 0; i < c; i++) {
            if (var[i] + eps <= 0) {
                throw attrs.unsupported("channel " + i + " has variance " + var[i] + " + epsilon " + eps + " <= 0");
            }
            double s = gamma[i] / Math.sqrt(var[i] + eps);
            scale[i] = (float) s;
            shift[i] = (float) (beta[i] - mean[i] * s);
        }
        ctx.emit(node.getOutput(0), new ChannelAffine(Tensor.of(scale, c), Tensor.of(shift, c)), origin, x);
    }

    private static float[] vector(Tensor t, int c, OnnxAttributes attrs, String role) {
        if (t.size() != c) {
            throw attrs.unsupported(role + " " + t.describe() + " does not have one value per each of " + c + " channels");
        }
        return t.toArray();
    }
}
