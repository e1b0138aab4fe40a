package dev.snnc.quantize;

import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.Window2d;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an SNN graph as populations fed by synaptic terms: each term is a synaptic layer (conv or
 * linear, or a direct identity shortcut) reading a source population or the image through at most
 * one pooling op and an optional flatten. Anything else is a diagnostic naming the node.
 */
final class SnnStructure {
    /** Where a term's spikes come from; {@code population == null} means the analog image. */
    record Source(Node population, Window2d pool, boolean globalPool, int poolArea, boolean maxPool) {
        Source(Node population, Window2d pool, boolean globalPool, int poolArea) {
            this(population, pool, globalPool, poolArea, false);
        }
    }

    /** One summand of a population's input: {@code layer == null} for an identity shortcut. */
    record Term(Node layer, Source source) {
    }

    private SnnStructure() {
    }

    static List<Term> terms(Graph g, String value) {
        Node n = g.node(value).orElse(null);
        List<Term> out = new ArrayList<>();
        if (n != null && n.op() instanceof Add) {
            out.addAll(terms(g, n.input(0)));
            out.addAll(terms(g, n.input(1)));
        } else if (n != null && (n.op() instanceof Conv2d || n.op() instanceof Linear)) {
            out.add(new Term(n, source(g, n.input(0))));
        } else if (n != null && n.op() instanceof IfNeuron) {
            out.add(new Term(null, new Source(n, null, false, 1)));
        } else {
            throw unsupported(n, "a population's input must be conv/linear layers, residual sums or populations");
        }
        return out;
    }

    private static Source source(Graph g, String value) {
        Window2d pool = null;
        boolean global = false;
        boolean max = false;
        int area = 1;
        String v = value;
        while (true) {
            if (v.equals(g.inputName())) {
                if (pool != null || global) {
                    throw unsupported(g.node(value).orElse(null), "pooling the analog input is not supported");
                }
                return new Source(null, null, false, 1);
            }
            Node n = g.node(v).orElseThrow();
            if (n.op() instanceof IfNeuron) {
                return new Source(n, pool, global, area, max);
            } else if (n.op() instanceof Flatten) {
                v = n.input(0);
            } else if (n.op() instanceof AvgPool2d a && pool == null && !global) {
                if (!a.countIncludePad() && !a.window().padding().equals(dev.snnc.ir.op.Padding.NONE)) {
                    throw unsupported(n, "average pooling that excludes padding divides by a varying count; "
                            + "integer synapses need one divisor");
                }
                pool = a.window();
                area = a.window().kernelH() * a.window().kernelW();
                v = n.input(0);
            } else if (n.op() instanceof GlobalAvgPool && pool == null && !global) {
                global = true;
                area = g.shapeOf(n.input(0)).dim(1) * g.shapeOf(n.input(0)).dim(2);
                v = n.input(0);
            } else if (n.op() instanceof dev.snnc.ir.op.MaxPool2d m && pool == null && !global) {
                pool = m.window(); // a spiking max pool emits single events: no divisor (area 1)
                max = true;
                v = n.input(0);
            } else {
                throw unsupported(n, n.op().kind() + " between populations is not supported by the fixed-point mapping");
            }
        }
    }

    static SnncException unsupported(Node n, String message) {
        return new SnncException(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE,
                n == null ? dev.snnc.ir.Origin.SYNTHETIC : n.origin(), message));
    }
}
