package dev.snnc.frontend.passes;

import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Node;
import dev.snnc.ir.Pass;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.ChannelAffine;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.Op;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a {@link ChannelAffine} (inference BatchNorm) into the Conv2d or Linear that feeds it when
 * nothing else reads that layer's output: {@code w'[o] = w[o]·s[o]}, {@code b'[o] = b[o]·s[o] + t[o]}.
 * The folded layer keeps its own name and origin; readers of the affine now read the layer.
 * Affines that cannot be folded stay as they are.
 */
public final class FoldBatchNorm implements Pass {
    @Override
    public String name() {
        return "fold-batchnorm";
    }

    @Override
    public Graph run(Graph in) {
        Map<String, Op> foldedLayers = new HashMap<>();
        Map<String, String> renamed = new HashMap<>();
        for (Node n : in.nodes()) {
            if (n.op() instanceof ChannelAffine affine) {
                String src = n.input(0);
                in.node(src).filter(p -> in.consumers(src).size() == 1 && !src.equals(in.outputName()))
                        .map(p -> fold(foldedLayers.getOrDefault(p.name(), p.op()), affine))
                        .ifPresent(op -> {
                            foldedLayers.put(src, op);
                            renamed.put(n.name(), src);
                        });
            }
        }
        if (renamed.isEmpty()) {
            return in;
        }
        GraphBuilder b = Graph.builder(in.name(), in.inputName(), in.inputShape());
        for (Node n : in.nodes()) {
            if (renamed.containsKey(n.name())) {
                continue;
            }
            List<String> inputs = n.inputs().stream().map(i -> renamed.getOrDefault(i, i)).toList();
            b.add(new Node(n.name(), foldedLayers.getOrDefault(n.name(), n.op()), inputs, n.origin()));
        }
        b.output(renamed.getOrDefault(in.outputName(), in.outputName()));
        in.preprocessing().ifPresent(b::preprocessing);
        in.metadata().forEach(b::metadata);
        return b.build();
    }

    /** The layer with the affine folded in, or null if the producer is not a foldable layer. */
    private static Op fold(Op producer, ChannelAffine affine) {
        if (producer instanceof Conv2d conv && conv.outChannels() == affine.channels()) {
            return conv.withParameters(scaleRows(conv.weight(), affine.scale()), affineOf(conv.bias(), affine));
        }
        if (producer instanceof Linear lin && lin.outFeatures() == affine.channels()) {
            return lin.withParameters(scaleRows(lin.weight(), affine.scale()), affineOf(lin.bias(), affine));
        }
        return null;
    }

    private static Tensor scaleRows(Tensor w, Tensor scale) {
        float[] v = w.toArray();
        int rowSize = v.length / w.dim(0);
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale.get(i / rowSize);
        }
        return Tensor.of(v, w.shape());
    }

    private static Tensor affineOf(Tensor bias, ChannelAffine a) {
        float[] v = bias.toArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = v[i] * a.scale().get(i) + a.shift().get(i);
        }
        return Tensor.of(v, bias.shape());
    }
}
