package dev.snnc.formats;

import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Spike rasters and u/v traces of selected images ({@code "format": "snnc-spikes"}, version
 * {@value #VERSION}; schema in simulator/README.md). Per image and population: the population's
 * shape in C,H,W order, every spike as parallel arrays of step and flat neuron index
 * ({@code (c·H + y)·W + x}), and u and v of the first {@code traceNeurons} neurons after each step.
 * The Lava loader writes the same format, so the two can be compared step for step. This class is
 * the format only: whoever runs the network (the simulator) feeds each image's steps into an
 * {@link ImageRecord}.
 */
public final class SpikeDump {
    public static final String FORMAT = "snnc-spikes";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode root = JSON.createObjectNode();
    private final ArrayNode images;

    /** A dump of {@code net}, whose runs take {@code steps} steps (T plus the pipeline latency). */
    public SpikeDump(FxNetwork net, int steps) {
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("model", net.name());
        root.put("target", net.target().id());
        root.put("timesteps", net.timesteps());
        root.put("steps", steps);
        images = root.putArray("images");
    }

    /** Starts the record of one image; call {@link ImageRecord#step} for every step, then {@link ImageRecord#finish}. */
    public ImageRecord image(int index, int label, List<FxPopulation> populations, int traceNeurons) {
        return new ImageRecord(images.addObject(), index, label, populations, traceNeurons);
    }

    public byte[] toBytes() {
        try {
            return (JSON.writer(new DefaultPrettyPrinter().withArrayIndenter(DefaultPrettyPrinter.NopIndenter.instance))
                    .writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise spike dump", e);
        }
    }

    /** The spikes and traces of one image, filled step by step. */
    public static final class ImageRecord {
        private final ObjectNode img;
        private final ArrayNode layers;
        private final ArrayNode[] steps;
        private final ArrayNode[] neurons;
        private final ArrayNode[] us;
        private final ArrayNode[] vs;
        private final int traceNeurons;

        private ImageRecord(ObjectNode img, int index, int label, List<FxPopulation> populations, int traceNeurons) {
            this.img = img;
            this.traceNeurons = traceNeurons;
            int n = populations.size();
            steps = new ArrayNode[n];
            neurons = new ArrayNode[n];
            us = new ArrayNode[n];
            vs = new ArrayNode[n];
            img.put("index", index);
            img.put("label", label);
            layers = JSON.createArrayNode();
            for (int p = 0; p < n; p++) {
                FxPopulation pop = populations.get(p);
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
        }

        /** Population {@code p}'s spikes ({@code spikes[0..count)}) and state after step {@code t}. */
        public void step(int t, int p, int[] spikes, int count, long[] u, long[] v) {
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
        }

        /** Records the readout's sums and their arg-max (the first of equal maxima). */
        public void finish(long[] readout) {
            int best = 0;
            ArrayNode out = img.putArray("readout");
            for (int o = 0; o < readout.length; o++) {
                out.add(readout[o]);
                best = readout[o] > readout[best] ? o : best;
            }
            img.put("prediction", best);
            img.set("layers", layers);
        }
    }
}
