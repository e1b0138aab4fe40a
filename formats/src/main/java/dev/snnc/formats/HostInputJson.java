package dev.snnc.formats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxSynapses;
import java.util.Locale;

/**
 * The host-computed first layer as JSON, the part of a network a chip does not run: for each
 * {@link FxInput}, the population it drives, the projection from the pixel bytes (kind, weights
 * {@code [O, I/groups, kH, kW]} or {@code [O, I]}, window, groups), the shift applied to the
 * integer sum (left if positive, floor right if negative) and the per-neuron bias, in snnc's
 * {@code (c, y, x)} order. The Loihi netlist's {@code input} and the netx backend's
 * {@code host_input.json} are this object; their loaders compute the per-step current from it.
 */
public final class HostInputJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HostInputJson() {
    }

    public static ObjectNode of(FxNetwork net) {
        ObjectNode in = JSON.createObjectNode();
        in.set("shape", FxFile.ints(net.inputShape().dims()));
        in.put("encoding", "host_bias");
        ArrayNode layers = in.putArray("layers");
        for (FxInput i : net.inputs()) {
            FxSynapses s = i.synapses();
            ObjectNode l = layers.addObject();
            l.put("population", i.population());
            l.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
            l.set("weight_shape", FxFile.ints(s.weightShape()));
            if (s.window() != null) {
                l.set("window", FxFile.window(s.window()));
            }
            l.put("groups", s.groups());
            l.put("shift", s.weightExp());
            l.set("weights", FxFile.ints(s.weights()));
            l.set("bias", FxFile.longs(i.bias()));
        }
        return in;
    }
}
