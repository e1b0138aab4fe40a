package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import java.util.List;

/** {@code max(x, 0)}. */
public record Relu() implements Op {
    @Override
    public String kind() {
        return "Relu";
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
        return "";
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitRelu(this);
    }
}
