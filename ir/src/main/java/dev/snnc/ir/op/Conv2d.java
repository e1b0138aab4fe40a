package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import java.util.List;

/**
 * 2-D cross-correlation (PyTorch/ONNX convention, kernel not flipped) with grouping.
 * Weight layout {@code [O, I/groups, kH, kW]}, bias {@code [O]} (zeros when the model had none).
 * {@code out[o,y,x] = bias[o] + sum_{i,ky,kx} w[o,i,ky,kx] * in[g*I/groups+i, y*sH-pT+ky*dH, x*sW-pL+kx*dW]}.
 */
public record Conv2d(Tensor weight, Tensor bias, Window2d window, int groups) implements Op {
    public Conv2d {
        if (weight.rank() != 4) {
            throw new IllegalArgumentException("conv weight must be [O,I/groups,kH,kW], got rank " + weight.rank());
        }
        if (bias.rank() != 1 || bias.dim(0) != weight.dim(0)) {
            throw new IllegalArgumentException("conv bias must be [" + weight.dim(0) + "], got " + bias.describe());
        }
        if (groups < 1 || weight.dim(0) % groups != 0) {
            throw new IllegalArgumentException(weight.dim(0) + " output channels cannot be split into " + groups + " groups");
        }
        if (weight.dim(2) != window.kernelH() || weight.dim(3) != window.kernelW()) {
            throw new IllegalArgumentException("kernel " + window.kernelH() + "x" + window.kernelW()
                    + " does not match weight " + weight.describe());
        }
    }

    public int outChannels() {
        return weight.dim(0);
    }

    public int inChannels() {
        return weight.dim(1) * groups;
    }

    public boolean isDepthwise() {
        return groups > 1 && groups == inChannels() && weight.dim(1) == 1;
    }

    @Override
    public String kind() {
        return "Conv2d";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0).requireRank(3);
        if (in.channels() != inChannels()) {
            throw new IllegalArgumentException("input has " + in.channels() + " channels, weight " + weight.describe()
                    + " with groups=" + groups + " expects " + inChannels());
        }
        return Shape.of(outChannels(), window.outputHeight(in.height()), window.outputWidth(in.width()));
    }

    @Override
    public String attributes() {
        return window.describe() + " groups=" + groups + " weight=" + weight.describe() + " bias=" + bias.describe();
    }

    @Override
    public long macs(List<Shape> inputs, Shape output) {
        return output.size() * weight.dim(1) * window.kernelH() * window.kernelW();
    }

    @Override
    public long params() {
        return (long) weight.size() + bias.size();
    }

    public Conv2d withParameters(Tensor newWeight, Tensor newBias) {
        return new Conv2d(newWeight, newBias, window, groups);
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitConv2d(this);
    }
}
