package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import java.util.List;

/** Maximum over each window; padding never wins (it counts as minus infinity). */
public record MaxPool2d(Window2d window) implements Op {
    @Override
    public String kind() {
        return "MaxPool2d";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return PoolShapes.pooled(inputs.get(0), window);
    }

    @Override
    public String attributes() {
        return window.describe();
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitMaxPool2d(this);
    }
}
