package dev.snnc.ir;

import dev.snnc.ir.op.Op;
import java.util.List;

/** One operation in a graph: its unique value name, the op, the names of its inputs, its origin. */
public record Node(String name, Op op, List<String> inputs, Origin origin) {
    public Node {
        inputs = List.copyOf(inputs);
        if (inputs.size() != op.arity()) {
            throw new IllegalArgumentException(op.kind() + " takes " + op.arity() + " inputs, node '" + name
                    + "' has " + inputs.size());
        }
    }

    public String input(int i) {
        return inputs.get(i);
    }
}
