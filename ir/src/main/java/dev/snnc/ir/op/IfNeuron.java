package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import java.util.List;

/**
 * An integrate-and-fire population replacing a ReLU (see {@link NeuronModel} for one step).
 * {@code threshold} is {@code [1]} (layer-wise) or {@code [C]} (channel-wise); {@code bias} is a
 * per-channel input current added every step ({@code [C]}, from bias calibration);
 * {@code initialPotential} has the population's shape (from potential initialisation).
 * In the ANN view (one pass, no time) the population computes {@code clamp(x + bias, 0, θ)}.
 */
public record IfNeuron(Tensor threshold, Tensor bias, Tensor initialPotential, NeuronModel model) implements Op {
    public IfNeuron {
        if (threshold.rank() != 1 || bias.rank() != 1) {
            throw new IllegalArgumentException("threshold and bias must be vectors, got " + threshold.describe() + " and "
                    + bias.describe());
        }
        for (int i = 0; i < threshold.size(); i++) {
            if (!(threshold.get(i) > 0) || Float.isInfinite(threshold.get(i))) {
                throw new IllegalArgumentException("threshold " + i + " is " + threshold.get(i) + "; thresholds must be positive and finite");
            }
        }
    }

    /** A fresh population for {@code shape}: one threshold for all channels, no bias, zero potential. */
    public static IfNeuron fresh(Shape shape, float threshold, NeuronModel model) {
        return new IfNeuron(Tensor.of(new float[] {threshold}, 1), Tensor.zeros(shape.dim(0)),
                Tensor.zeros(shape.dims()), model);
    }

    public boolean isChannelWise() {
        return threshold.size() > 1;
    }

    /** Threshold of channel {@code c}. */
    public float threshold(int c) {
        return threshold.get(isChannelWise() ? c : 0);
    }

    @Override
    public String kind() {
        return "IfNeuron";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        Shape in = inputs.get(0);
        if (threshold.size() != 1 && threshold.size() != in.dim(0)) {
            throw new IllegalArgumentException("threshold " + threshold.describe() + " is neither layer-wise nor one per each of "
                    + in.dim(0) + " channels");
        }
        if (bias.size() != in.dim(0)) {
            throw new IllegalArgumentException("bias " + bias.describe() + " does not have one value per each of " + in.dim(0)
                    + " channels");
        }
        if (!java.util.Arrays.equals(initialPotential.shape(), in.dims())) {
            throw new IllegalArgumentException("initial potential " + initialPotential.describe() + " does not match the population "
                    + in);
        }
        return in;
    }

    @Override
    public String attributes() {
        return model.describe() + " threshold=" + threshold.describe() + " bias=" + bias.describe() + " potential="
                + initialPotential.describe();
    }

    public IfNeuron withThreshold(Tensor t) {
        return new IfNeuron(t, bias, initialPotential, model);
    }

    public IfNeuron withBias(Tensor b) {
        return new IfNeuron(threshold, b, initialPotential, model);
    }

    public IfNeuron withInitialPotential(Tensor p) {
        return new IfNeuron(threshold, bias, p, model);
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitIfNeuron(this);
    }
}
