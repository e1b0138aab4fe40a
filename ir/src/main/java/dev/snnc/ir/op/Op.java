package dev.snnc.ir.op;

import dev.snnc.ir.Shape;
import java.util.List;

/**
 * A network operation. Ops are immutable records; the set is closed so that every pass and
 * backend handles every op (a new op is a compile error in each {@link OpVisitor}).
 */
public sealed interface Op permits Conv2d, Linear, ChannelAffine, Relu, Clip, Add, AvgPool2d, MaxPool2d,
        GlobalAvgPool, Flatten, IfNeuron {

    /** Short stable name used by the printer and in messages. */
    String kind();

    /** Number of value inputs (constants such as weights live inside the op). */
    int arity();

    /**
     * Per-sample output shape for the given input shapes.
     *
     * @throws IllegalArgumentException with the numbers involved if the inputs do not fit
     */
    Shape outputShape(List<Shape> inputs);

    /** Attributes in canonical text form ({@code key=value} separated by spaces), or empty. */
    String attributes();

    /** Multiply-accumulates per sample. */
    default long macs(List<Shape> inputs, Shape output) {
        return 0;
    }

    /** Number of learned parameters held by the op. */
    default long params() {
        return 0;
    }

    <R> R accept(OpVisitor<R> visitor);
}
