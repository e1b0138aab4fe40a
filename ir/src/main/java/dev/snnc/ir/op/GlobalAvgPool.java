package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import java.util.List;

/** Mean over all spatial positions: {@code [C,H,W] -> [C,1,1]}. */
public record GlobalAvgPool() implements Op {
    @Override
    public String kind() {
        return "GlobalAvgPool";
    }

    @Override
    public int arity() {
        return 1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        return Shape.of(inputs.get(0).requireRank(3).channels(), 1, 1);
    }

    @Override
    public String attributes() {
        return "";
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitGlobalAvgPool(this);
    }
}
