package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import java.util.List;

/**
 * Per-channel {@code out[c] = in[c]·scale[c] + shift[c]}: an inference-mode BatchNormalization that
 * could not be folded into a preceding conv or linear layer.
 */
public record ChannelAffine(Tensor scale, Tensor shift) implements Op {
    public ChannelAffine {
        if (scale.rank() != 1 || !java.util.Arrays.equals(scale.shape(), shift.shape())) {
            throw new IllegalArgumentException("scale and shift must both be [C], got " + scale.describe() + " and "
                    + shift.describe());
        }
    }

    public int channels() {
        return scale.dim(0);
    }

    @Override
    public String kind() {
        return "ChannelAffine";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.dim(0) != channels()) {
            throw new IllegalArgumentException("input " + in + " has " + in.dim(0) + " channels, affine has " + channels());
        }
        return in;
    }

    @Override
    public String attributes() {
        return "scale=" + scale.describe() + " shift=" + shift.describe();
    }

    @Override
    public long params() {
        return 2L * channels();
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitChannelAffine(this);
    }
}
