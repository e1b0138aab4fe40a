package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import java.util.List;

/** Row-major flattening of the per-sample value to a vector ({@code [C,H,W] -> [C·H·W]}). */
public record Flatten() implements Op {
    @Override
    public String kind() {
        return "Flatten";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.of(Math.toIntExact(inputs.get(0).size()));
    }

    @Override
    public String attributes() {
        return "";
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitFlatten(this);
    }
}
