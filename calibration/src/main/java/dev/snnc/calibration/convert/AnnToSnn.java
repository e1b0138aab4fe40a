package dev.snnc.calibration.convert;

import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Node;
import dev.snnc.ir.op.Clip;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.MaxPool2d;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.op.Relu;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;

/**
 * Converts an ANN graph into an SNN graph: every ReLU, and every Clip(0, max) (ReLU6; the
 * threshold clips anyway), becomes an {@link IfNeuron} population with a placeholder threshold of
 * 1 (set by threshold search). Conv, Linear, pooling, Add and Flatten stay as synaptic/linear ops
 * that act on spikes every step; the graph output (the classifier) is a non-spiking accumulator
 * read out by argmax of its sum over T. MaxPool of a population's spikes stays and runs as a spiking
 * max pool (output spikes when the window's largest running count grows; docs/adr/0021); MaxPool of
 * anything else is rejected, and so are clips with a non-zero lower bound.
 */
public final class AnnToSnn {
    private AnnToSnn() {
    }

    private static boolean readsActivation(Graph ann, Node pool) {
        return ann.node(pool.inputs().get(0))
                .map(in -> in.op() instanceof Relu || in.op() instanceof Clip c && c.isReluLike()).orElse(false);
    }

    public static Graph convert(Graph ann, NeuronModel model) {
        Diagnostics diagnostics = new Diagnostics();
        GraphBuilder b = Graph.builder(ann.name(), ann.inputName(), ann.inputShape());
        int populations = 0;
        for (Node n : ann.nodes()) {
            if (n.op() instanceof Relu || n.op() instanceof Clip c && c.isReluLike()) {
                b.add(new Node(n.name(), IfNeuron.fresh(ann.shapeOf(n.name()), 1f, model), n.inputs(), n.origin()));
                populations++;
            } else if (n.op() instanceof Clip c) {
                diagnostics.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, n.origin(),
                        "Clip(" + c.min() + ", " + c.max() + ") has a non-zero lower bound; only ReLU-like clips "
                                + "(min 0) map onto integrate-and-fire neurons"));
            } else if (n.op() instanceof MaxPool2d && !readsActivation(ann, n)) {
                diagnostics.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, n.origin(),
                        "MaxPool reads '" + n.inputs().get(0) + "', not a ReLU's output; spiking max pooling needs "
                                + "the spike trains of one population")
                        .withHint("put max pooling directly after a ReLU, or replace it by average pooling"));
            } else {
                b.add(n);
            }
        }
        if (populations == 0 && diagnostics.isEmpty()) {
            diagnostics.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, dev.snnc.ir.Origin.SYNTHETIC,
                    "model '" + ann.name() + "' has no ReLU activations, so there is nothing to turn into spiking neurons"));
        }
        diagnostics.throwIfAny();
        b.output(ann.outputName());
        ann.preprocessing().ifPresent(b::preprocessing);
        ann.metadata().forEach(b::metadata);
        return b.build();
    }
}
