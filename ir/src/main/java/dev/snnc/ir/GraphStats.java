package dev.snnc.ir;

import java.util.List;

/** Per-node and total parameter and multiply-accumulate counts (per sample). */
public final class GraphStats {
    /** One row of the layer table. */
    public record Row(String name, String kind, Shape outputShape, long params, long macs, Origin origin) {
    }

    private GraphStats() {
    }

    public static List<Row> rows(Graph g) {
        return g.nodes().stream().map(n -> {
            Shape out = g.shapeOf(n.name());
            return new Row(n.name(), n.op().kind(), out, n.op().params(), n.op().macs(g.inputShapes(n), out), n.origin());
        }).toList();
    }

    public static long totalParams(Graph g) {
        return rows(g).stream().mapToLong(Row::params).sum();
    }

    public static long totalMacs(Graph g) {
        return rows(g).stream().mapToLong(Row::macs).sum();
    }
}
