package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import java.util.List;

/** {@code min(max(x, min), max)}; ReLU6 is {@code Clip(0, 6)}. Infinite bounds mean unbounded. */
public record Clip(float min, float max) implements Op {
    public Clip {
        if (Float.isNaN(min) || Float.isNaN(max) || min > max) {
            throw new IllegalArgumentException("clip bounds must satisfy min <= max, got " + min + ", " + max);
        }
    }

    /** True when the clip behaves as a ReLU with an upper bound (the SNN threshold clips anyway). */
    public boolean isReluLike() {
        return min == 0f;
    }

    @Override
    public String kind() {
        return "Clip";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return inputs.get(0);
    }

    @Override
    public String attributes() {
        return "min=" + min + " max=" + max;
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitClip(this);
    }
}
