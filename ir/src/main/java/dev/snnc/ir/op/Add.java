package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import java.util.List;

/** Elementwise sum of two values of the same shape (a residual connection). */
public record Add() implements Op {
    @Override
    public String kind() {
        return "Add";
    }

    @Override
    public int arity() {
        return 2;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (!inputs.get(0).equals(inputs.get(1))) {
            throw new IllegalArgumentException("operands have different shapes " + inputs.get(0) + " and " + inputs.get(1));
        }
        return inputs.get(0);
    }

    @Override
    public String attributes() {
        return "";
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitAdd(this);
    }
}
