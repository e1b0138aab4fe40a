package dev.snnc.backend.netx;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import java.util.ArrayList;
import java.util.List;

/**
 * The netx blocks of a legal network, in file order: {@code input} (the first population, driven
 * through its bias by the host), then per population a {@code conv} or {@code dense} block,
 * with a {@code flatten} block before a dense block that reads a feature map, and the readout as
 * the last {@code dense} block.
 */
record NetxLayers(List<Layer> layers) {
    /** One netx block; {@code synapses} is null for input and flatten, {@code population} null for flatten and readout. */
    record Layer(String type, String name, Shape shape, FxPopulation population, FxSynapses synapses) {
    }

    static NetxLayers of(FxNetwork net) {
        List<Layer> out = new ArrayList<>();
        FxPopulation first = net.populations().get(0);
        out.add(new Layer("input", first.name(), first.shape(), first, null));
        Shape previous = first.shape();
        for (FxPopulation p : net.populations().subList(1, net.populations().size())) {
            FxSynapses g = p.inputs().get(0);
            previous = link(out, previous, g, p.name(), p.shape(), p);
        }
        link(out, previous, net.readout().inputs().get(0), "readout", net.readout().shape(), null);
        return new NetxLayers(List.copyOf(out));
    }

    private static Shape link(List<Layer> out, Shape previous, FxSynapses g, String name, Shape shape, FxPopulation p) {
        if (g.kind() == FxSynapses.Kind.CONV) {
            out.add(new Layer("conv", name, shape, p, g));
        } else {
            if (previous.rank() == 3) {
                out.add(new Layer("flatten", "flatten:" + g.source(), Shape.of((int) previous.size()), null, null));
            }
            out.add(new Layer("dense", name, shape, p, g));
        }
        return shape;
    }

    /** Conv blocks of 128 or more groups, which Lava's CPU fixed-point Conv model computes as zeros. */
    List<String> wideGroupedConvs() {
        return layers.stream().filter(l -> l.synapses() != null && l.synapses().kind() == FxSynapses.Kind.CONV
                && l.synapses().groups() >= 128).map(Layer::name).toList();
    }
}
