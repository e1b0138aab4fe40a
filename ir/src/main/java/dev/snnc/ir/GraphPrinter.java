package dev.snnc.ir;

import java.util.stream.Collectors;

/**
 * The one canonical text form of a graph, used by tests (golden files), {@code --dump-ir} and
 * messages. Constants are shown as shape plus content checksum, so any weight change shows up.
 * <pre>
 * graph "name" input %input : [1,28,28] output %logits
 *   preprocessing scale=0.00392156862745098;mean=0.286;std=0.353
 *   %conv0 = Conv2d(%input) kernel=3x3 ... : [32,28,28]  # Conv "/features/features.0/Conv"
 * </pre>
 */
public final class GraphPrinter {
    private GraphPrinter() {
    }

    public static String print(Graph g) {
        StringBuilder sb = new StringBuilder();
        sb.append("graph \"").append(g.name()).append("\" input %").append(g.inputName()).append(" : ")
                .append(g.inputShape()).append(" output %").append(g.outputName()).append('\n');
        g.preprocessing().ifPresent(p -> sb.append("  preprocessing ").append(p.format()).append('\n'));
        for (Node n : g.nodes()) {
            sb.append("  %").append(n.name()).append(" = ").append(n.op().kind())
                    .append(n.inputs().stream().map(i -> "%" + i).collect(Collectors.joining(", ", "(", ")")));
            String attrs = n.op().attributes();
            if (!attrs.isEmpty()) {
                sb.append(' ').append(attrs);
            }
            sb.append(" : ").append(g.shapeOf(n.name()));
            if (!n.origin().equals(Origin.SYNTHETIC)) {
                sb.append("  # ").append(n.origin().sourceOp()).append(" \"").append(n.origin().sourceName()).append('"');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
