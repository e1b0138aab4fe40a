package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import java.util.List;

/** Fully connected layer {@code out = W·in + b}, weight {@code [O, I]}, bias {@code [O]}. */
public record Linear(Tensor weight, Tensor bias) implements Op {
    public Linear {
        if (weight.rank() != 2) {
            throw new IllegalArgumentException("linear weight must be [O,I], got " + weight.describe());
        }
        if (bias.rank() != 1 || bias.dim(0) != weight.dim(0)) {
            throw new IllegalArgumentException("linear bias must be [" + weight.dim(0) + "], got " + bias.describe());
        }
    }

    public int outFeatures() {
        return weight.dim(0);
    }

    public int inFeatures() {
        return weight.dim(1);
    }

    @Override
    public String kind() {
        return "Linear";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (in.rank() != 1 || in.dim(0) != inFeatures()) {
            throw new IllegalArgumentException("input " + in + " does not match weight " + weight.describe()
                    + " (expects [" + inFeatures() + "])");
        }
        return Shape.of(outFeatures());
    }

    @Override
    public String attributes() {
        return "weight=" + weight.describe() + " bias=" + bias.describe();
    }

    @Override
    public long macs(List<Shape> inputs, Shape output) {
        return (long) weight.size();
    }

    @Override
    public long params() {
        return (long) weight.size() + bias.size();
    }

    public Linear withParameters(Tensor newWeight, Tensor newBias) {
        return new Linear(newWeight, newBias);
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitLinear(this);
    }
}
