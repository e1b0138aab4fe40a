package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.ChannelAffine;
import dev.snnc.ir.op.Clip;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.MaxPool2d;
import dev.snnc.ir.op.OpVisitor;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Relu;
import dev.snnc.ir.op.Window2d;
import java.util.List;

/**
 * Computes one IR op on batched NDArrays ({@code [N, ...]}). Parameters come from
 * {@link DeviceParameters}; results belong to the manager of the first input, so callers control
 * lifetime with a per-batch sub-manager. Asymmetric padding is applied explicitly because
 * libtorch's conv and pool only take symmetric padding.
 */
class OpExecutor implements OpVisitor<NDArray> {
    private final String nodeName;
    private final List<NDArray> inputs;
    private final ParameterSource params;

    OpExecutor(String nodeName, List<NDArray> inputs, ParameterSource params) {
        this.nodeName = nodeName;
        this.inputs = inputs;
        this.params = params;
    }

    final NDArray x() {
        return inputs.get(0);
    }

    @Override
    public NDArray visitConv2d(Conv2d op) {
        return Layers.conv(x(), params.weight(nodeName), params.bias(nodeName), op);
    }

    @Override
    public NDArray visitLinear(Linear op) {
        return Layers.linear(x(), params.weight(nodeName), params.bias(nodeName));
    }

    @Override
    public NDArray visitChannelAffine(ChannelAffine op) {
        NDArray in = x();
        Shape s = DeviceParameters.channelShape(in.getShape(), op.channels());
        return in.mul(params.weight(nodeName).reshape(s)).add(params.bias(nodeName).reshape(s));
    }

    @Override
    public NDArray visitRelu(Relu op) {
        return Activation.relu(x());
    }

    @Override
    public NDArray visitClip(Clip op) {
        return x().clip(op.min(), op.max());
    }

    @Override
    public NDArray visitAdd(Add op) {
        return inputs.get(0).add(inputs.get(1));
    }

    @Override
    public NDArray visitAvgPool2d(AvgPool2d op) {
        Window2d w = op.window();
        Shape k = new Shape(w.kernelH(), w.kernelW());
        Shape s = new Shape(w.strideH(), w.strideW());
        Shape none = new Shape(0, 0);
        if (w.padding().equals(Padding.NONE)) {
            return Pool.avgPool2d(x(), k, s, none, w.ceilMode(), false);
        }
        NDArray padded = padExplicitly(x(), w.padding(), 0.0);
        if (op.countIncludePad()) {
            // padding pixels count; positions beyond the padded map (ceil mode) do not
            return Pool.avgPool2d(padded, k, s, none, w.ceilMode(), false);
        }
        // average over real pixels only: ratio of window means of the data and of a validity mask
        NDArray mask = padExplicitly(x().onesLike(), w.padding(), 0.0);
        return Pool.avgPool2d(padded, k, s, none, w.ceilMode(), false)
                .div(Pool.avgPool2d(mask, k, s, none, w.ceilMode(), false));
    }

    @Override
    public NDArray visitMaxPool2d(MaxPool2d op) {
        Window2d w = op.window();
        if (w.dilationH() != 1 || w.dilationW() != 1) {
            throw new UnsupportedOperationException("dilated max pooling in node " + nodeName);
        }
        NDArray in = w.padding().equals(Padding.NONE) ? x() : padExplicitly(x(), w.padding(), Double.NEGATIVE_INFINITY);
        return Pool.maxPool2d(in, new Shape(w.kernelH(), w.kernelW()), new Shape(w.strideH(), w.strideW()),
                new Shape(0, 0), w.ceilMode());
    }

    @Override
    public NDArray visitGlobalAvgPool(GlobalAvgPool op) {
        Shape s = x().getShape();
        return Pool.globalAvgPool2d(x()).reshape(s.get(0), s.get(1), 1, 1);
    }

    @Override
    public NDArray visitFlatten(Flatten op) {
        return x().reshape(x().getShape().get(0), -1);
    }

    /** ANN view of a population: {@code clamp(x + bias, 0, θ)} per channel. */
    @Override
    public NDArray visitIfNeuron(IfNeuron op) {
        NDArray x = x();
        Shape channelShape = DeviceParameters.channelShape(x.getShape(), op.threshold().size());
        NDArray theta = theta(channelShape);
        NDArray shifted = x.add(params.bias(nodeName).reshape(DeviceParameters.channelShape(x.getShape(), op.bias().size())));
        return Activation.relu(shifted).minimum(theta);
    }

    /** The population's thresholds (stored as its weight), shaped to broadcast over channels. */
    final NDArray theta(Shape channelShape) {
        return params.weight(nodeName).reshape(channelShape);
    }

    private static NDArray padExplicitly(NDArray in, Padding p, double value) {
        return Layers.padSpatial(in, p, value);
    }
}
