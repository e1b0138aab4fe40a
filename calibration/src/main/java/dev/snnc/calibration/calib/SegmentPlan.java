package dev.snnc.calibration.calib;

import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.op.IfNeuron;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Splits an SNN graph at its populations: segment i holds the nodes after population i−1 up to and
 * including population i. Calibrating population i never changes earlier segments, so their
 * outputs can be cached; {@link #liveAfter(int)} names the values a later node still reads.
 */
final class SegmentPlan {
    private final Graph graph;
    private final List<List<Node>> segments = new ArrayList<>();

    SegmentPlan(Graph g) {
        this.graph = g;
        List<Node> current = new ArrayList<>();
        for (Node n : g.nodes()) {
            current.add(n);
            if (n.op() instanceof IfNeuron) {
                segments.add(current);
                current = new ArrayList<>();
            }
        }
    }

    int size() {
        return segments.size();
    }

    List<Node> segment(int i) {
        return segments.get(i);
    }

    String population(int i) {
        List<Node> s = segments.get(i);
        return s.get(s.size() - 1).name();
    }

    /** Values read by segment i that it does not compute (excluding the graph input). */
    Set<String> externalInputs(int i) {
        Set<String> computed = new LinkedHashSet<>();
        Set<String> external = new LinkedHashSet<>();
        for (Node n : segments.get(i)) {
            for (String in : n.inputs()) {
                if (!computed.contains(in) && !in.equals(graph.inputName())) {
                    external.add(in);
                }
            }
            computed.add(n.name());
        }
        return external;
    }

    /** Values computed in segments 0..i that nodes after segment i read (excluding the graph input). */
    Set<String> liveAfter(int i) {
        Set<String> before = new LinkedHashSet<>();
        for (int s = 0; s <= i; s++) {
            segments.get(s).forEach(n -> before.add(n.name()));
        }
        Set<String> live = new LinkedHashSet<>();
        for (int s = i + 1; s < segments.size(); s++) {
            for (Node n : segments.get(s)) {
                n.inputs().stream().filter(before::contains).forEach(live::add);
            }
        }
        return live;
    }

    /** The nodes of segment i, with the graph updated since the plan was made (same names and order). */
    List<Node> segment(int i, Graph updated) {
        return segments.get(i).stream().map(n -> updated.node(n.name()).orElseThrow()).toList();
    }
}
