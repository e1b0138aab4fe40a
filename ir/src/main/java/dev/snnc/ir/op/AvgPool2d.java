package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import java.util.List;

/**
 * Average over each window. With {@code countIncludePad} the divisor is always kH·kW, otherwise
 * the number of non-padding pixels in the window (ONNX {@code count_include_pad}).
 */
public record AvgPool2d(Window2d window, boolean countIncludePad) implements Op {
    @Override
    public String kind() {
        return "AvgPool2d";
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
        return window.describe() + (countIncludePad ? " count_include_pad" : "");
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitAvgPool2d(this);
    }
}
