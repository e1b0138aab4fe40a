package dev.snnc.simulator.io;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.io.AtomicOutput;
import dev.snnc.simulator.FxSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Spike rasters and u/v traces of selected images ({@code "format": "snnc-spikes"}, version
 * {@value #VERSION}; schema in simulator/README.md). Per image and population: the population's
 * shape in C,H,W order, every spike as parallel arrays of step and flat neuron index
 * ({@code (c·H + y)·W + x}), and u and v of the first {@code traceNeurons} neurons after each step.
 * The Lava loader writes the same format, so the two can be compared step for step.
 */
public final class SpikeDump {
    public static final String FORMAT = "snnc-spikes";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SpikeDump() {
    }

    public static byte[] toBytes(FxSimulator sim, ImageSet data, List<Integer> images, int traceNeurons) {
        FxNetwork net = sim.network();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("model", net.name());
        root.put("target", net.target().id());
        root.put("timesteps", net.timesteps());
        root.put("steps", sim.steps());
        ArrayNode imgs = root.putArray("images");
        for (int index : images) {
            imgs.add(image(sim, data, index, traceNeurons));
        }
        try {
            return (JSON.writer(new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance))
                    .writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise spike dump", e);
        }
    }

    public static void write(FxSimulator sim, ImageSet data, List<Integer> images, int traceNeurons, Path file) {
        AtomicOutput.write(file, toBytes(sim, data, images, traceNeurons));
    }

    private static ObjectNode image(FxSimulator sim, ImageSet data, int index, int traceNeurons) {
        FxNetwork net = sim.network();
        int populations = net.populations().size();
        ArrayNode[] steps = new ArrayNode[populations];
        ArrayNode[] neurons = new ArrayNode[populations];
        ArrayNode[] us = new ArrayNode[populations];
        ArrayNode[] vs = new ArrayNode[populations];
        ObjectNode img = JSON.createObjectNode();
        img.put("index", index);
        img.put("label", data.label(index));
        ArrayNode layers = JSON.createArrayNode();
        for (int p = 0; p < populations; p++) {
            FxPopulation pop = net.populations().get(p);
            ObjectNode l = layers.addObject();
            l.put("name", pop.name());
            ArrayNode shape = l.putArray("shape");
            for (int d : pop.shape().dims()) {
                shape.add(d);
            }
            steps[p] = l.putArray("spike_steps");
            neurons[p] = l.putArray("spike_neurons");
            ArrayNode traced = l.putArray("trace_neurons");
            for (int k = 0; k < Math.min(traceNeurons, pop.shape().size()); k++) {
                traced.add(k);
            }
            us[p] = l.putArray("u");
            vs[p] = l.putArray("v");
        }
        long[] readout = sim.trace(data.batch(index, 1, Preprocessing.RAW_BYTES), (t, p, spikes, count, u, v) -> {
            for (int i = 0; i < count; i++) {
                steps[p].add(t);
                neurons[p].add(spikes[i]);
            }
            ArrayNode ut = us[p].addArray();
            ArrayNode vt = vs[p].addArray();
            for (int k = 0; k < Math.min(traceNeurons, u.length); k++) {
                ut.add(u[k]);
                vt.add(v[k]);
            }
        });
        int best = 0;
        ArrayNode out = img.putArray("readout");
        for (int o = 0; o < readout.length; o++) {
            out.add(readout[o]);
            best = readout[o] > readout[best] ? o : best;
        }
        img.put("prediction", best);
        img.set("layers", layers);
        return img;
    }
}
