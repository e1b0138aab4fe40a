package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import java.util.List;

/**
 * An integrate-and-fire population replacing a ReLU (see {@link NeuronModel} for one step).
 * {@code threshold} is {@code [1]} (layer-wise) or {@code [C]} (channel-wise); {@code bias} is a
 * per-channel input current added every step ({@code [C]}, from bias calibration);
 * {@code initialPotential} has the population's shape (from potential initialisation).
 * {@code fireRatio} ρ ∈ (0, 1], {@code [1]} or {@code [C]}: a channel fires when its potential
 * reaches {@code ρ·θ} and its spike still carries θ. Below 1 it offsets the charge a reset to zero
 * throws away (on average the potential overshoots the firing level before the spike); calibration
 * chooses it per channel for reset-to-zero neurons (ADR 0020). Subtractive neurons keep 1.
 * In the ANN view (one pass, no time) the population computes {@code clamp(x + bias, 0, θ)}.
 */
public record IfNeuron(Tensor threshold, Tensor bias, Tensor initialPotential, NeuronModel model, Tensor fireRatio)
        implements Op {
    /** A population that fires at its threshold. */
    public IfNeuron(Tensor threshold, Tensor bias, Tensor initialPotential, NeuronModel model) {
        this(threshold, bias, initialPotential, model, 1f);
    }

    /** A population whose channels all fire at {@code ratio·θ}. */
    public IfNeuron(Tensor threshold, Tensor bias, Tensor initialPotential, NeuronModel model, float ratio) {
        this(threshold, bias, initialPotential, model, Tensor.of(new float[] {ratio}, 1));
    }

    public IfNeuron {
        if (fireRatio.rank() != 1 || fireRatio.size() < 1) {
            throw new IllegalArgumentException("fire ratio must be a vector, got " + fireRatio.describe());
        }
        for (int i = 0; i < fireRatio.size(); i++) {
            float r = fireRatio.get(i);
            if (!(r > 0f && r <= 1f)) {
                throw new IllegalArgumentException("fire ratio " + i + " is " + r + "; it must be in (0, 1]");
            }
            if (r != 1f && model.reset() != NeuronModel.Reset.ZERO) {
                throw new IllegalArgumentException("fire ratio " + r + " needs a neuron that resets to zero (a "
                        + "subtractive neuron keeps the charge it would offset)");
            }
        }
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

    /** Threshold of channel {@code c}: the value one spike carries. */
    public float threshold(int c) {
        return threshold.get(isChannelWise() ? c : 0);
    }

    /** The fire ratio of channel {@code c}. */
    public float fireRatio(int c) {
        return fireRatio.get(fireRatio.size() > 1 ? c : 0);
    }

    /** True when every channel fires at its threshold (ρ = 1). */
    public boolean firesAtThreshold() {
        for (float r : fireRatio.toArray()) {
            if (r != 1f) {
                return false;
            }
        }
        return true;
    }

    /** The potential at which channel {@code c} fires: {@code ρ·θ}. */
    public float fireLevel(int c) {
        return fireRatio(c) * threshold(c);
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
        if (fireRatio.size() != 1 && fireRatio.size() != in.dim(0)) {
            throw new IllegalArgumentException("fire ratio " + fireRatio.describe() + " is neither layer-wise nor one per each "
                    + "of " + in.dim(0) + " channels");
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
        return model.describe() + " threshold=" + threshold.describe() + (firesAtThreshold() ? "" : " fire_ratio="
                + (fireRatio.size() == 1 ? Float.toString(fireRatio.get(0)) : fireRatio.describe()))
                + " bias=" + bias.describe() + " potential=" + initialPotential.describe();
    }

    public IfNeuron withThreshold(Tensor t) {
        return new IfNeuron(t, bias, initialPotential, model, fireRatio);
    }

    public IfNeuron withBias(Tensor b) {
        return new IfNeuron(threshold, b, initialPotential, model, fireRatio);
    }

    public IfNeuron withInitialPotential(Tensor p) {
        return new IfNeuron(threshold, bias, p, model, fireRatio);
    }

    public IfNeuron withFireRatio(float ratio) {
        return new IfNeuron(threshold, bias, initialPotential, model, ratio);
    }

    public IfNeuron withFireRatio(Tensor ratios) {
        return new IfNeuron(threshold, bias, initialPotential, model, ratios);
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitIfNeuron(this);
    }
}
