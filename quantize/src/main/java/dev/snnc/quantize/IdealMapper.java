package dev.snnc.quantize;

import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.fx.AnalogInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.target.TargetProfiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a calibrated float SNN onto the wide-integer {@link TargetProfiles#IDEAL} profile: every
 * value is multiplied by {@code S = 2^scaleBits} and rounded (half up). A spike's amplitude θ and an
 * average pool's divisor are folded into the integer weights of the layer that reads it; each
 * population's constant per-step current is {@code S·(layer bias + population bias + θ/(2T))}; the
 * analog first layer becomes a per-image current {@code round(S·(conv(x) + b))}. With rounding
 * negligible the simulator must reproduce the float SNN: this is the reference for the real
 * quantizer and the check of the simulator.
 */
public final class IdealMapper {
    private IdealMapper() {
    }

    public static FxNetwork map(Graph snn, int timesteps, int scaleBits) {
        double scale = Math.scalb(1.0, scaleBits);
        List<FxPopulation> populations = new ArrayList<>();
        Map<String, Node> analogLayers = new LinkedHashMap<>();
        for (Node n : snn.nodes()) {
            if (n.op() instanceof IfNeuron f) {
                populations.add(population(snn, n, f, timesteps, scale, analogLayers));
            }
        }
        List<SnnStructure.Term> readoutTerms = SnnStructure.terms(snn, snn.outputName());
        Shape outShape = snn.outputShape();
        List<FxSynapses> readoutInputs = new ArrayList<>();
        double[] readoutBias = new double[(int) outShape.size()];
        for (SnnStructure.Term t : readoutTerms) {
            if (t.source().population() == null) {
                throw SnnStructure.unsupported(t.layer(), "the classifier reads the image directly");
            }
            readoutInputs.add(synapses(snn, t, scale));
            addLayerBias(t, readoutBias, outShape);
        }
        long[] rb = new long[readoutBias.length];
        for (int i = 0; i < rb.length; i++) {
            rb[i] = Math.round(readoutBias[i] * scale);
        }
        return new FxNetwork(snn.name(), snn.inputShape(), snn.preprocessing().orElse(dev.snnc.ir.Preprocessing.UNIT_SCALE),
                analog(snn, analogLayers, scale), populations, new FxNetwork.FxReadout(outShape, readoutInputs, rb),
                TargetProfiles.IDEAL, timesteps);
    }

    private static FxPopulation population(Graph snn, Node n, IfNeuron f, int timesteps, double scale,
                                           Map<String, Node> analogLayers) {
        Shape shape = snn.shapeOf(n.name());
        int channels = shape.dim(0);
        int plane = (int) (shape.size() / channels);
        double[] perNeuron = new double[(int) shape.size()];
        List<FxSynapses> inputs = new ArrayList<>();
        for (SnnStructure.Term t : SnnStructure.terms(snn, n.input(0))) {
            if (t.layer() != null && t.source().population() == null) {
                analogLayers.put(n.name(), t.layer()); // evaluated per image, bias included there
                continue;
            }
            inputs.add(synapses(snn, t, scale));
            addLayerBias(t, perNeuron, shape);
        }
        long[] threshold = new long[channels];
        long[] bias = new long[perNeuron.length];
        long[] v0 = new long[perNeuron.length];
        for (int c = 0; c < channels; c++) {
            threshold[c] = Math.round(f.threshold(c) * scale);
            double current = f.bias().get(c) + (f.model().halfStepShift() ? f.threshold(c) / (2.0 * timesteps) : 0);
            for (int k = c * plane; k < (c + 1) * plane; k++) {
                bias[k] = Math.round((perNeuron[k] + current) * scale);
                v0[k] = Math.round(f.initialPotential().get(k) * scale);
            }
        }
        return new FxPopulation(n.name(), shape, inputs, threshold, bias, v0);
    }

    /** The layer's own bias, per output neuron (broadcast over positions). */
    private static void addLayerBias(SnnStructure.Term t, double[] perNeuron, Shape shape) {
        if (t.layer() == null) {
            return;
        }
        Tensor b = t.layer().op() instanceof Conv2d c ? c.bias() : ((Linear) t.layer().op()).bias();
        int plane = (int) (shape.size() / b.size());
        for (int k = 0; k < perNeuron.length; k++) {
            perNeuron[k] += b.get(k / plane);
        }
    }

    /** Integer synapses for one term: {@code round(S · w · θ_source[c] / poolArea)}. */
    private static FxSynapses synapses(Graph snn, SnnStructure.Term t, double scale) {
        SnnStructure.Source src = t.source();
        IfNeuron from = (IfNeuron) src.population().op();
        Shape srcShape = snn.shapeOf(src.population().name());
        if (t.layer() == null) {
            int[] w = new int[srcShape.dim(0)];
            for (int c = 0; c < w.length; c++) {
                w[c] = toInt(from.threshold(c) * scale, src.population());
            }
            return new FxSynapses(src.population().name(), srcShape, null, false, FxSynapses.Kind.IDENTITY, w,
                    new int[] {w.length}, null, 1, 0);
        }
        Shape pooled = FxSynapses.pooledShape(srcShape, src.pool(), src.globalPool());
        int perChannel = (int) (pooled.size() / pooled.dim(0));
        if (t.layer().op() instanceof Conv2d conv) {
            float[] w = conv.weight().toArray();
            int[] q = new int[w.length];
            int cinPerGroup = conv.weight().dim(1);
            int perGroup = conv.outChannels() / conv.groups();
            int k = conv.weight().dim(2) * conv.weight().dim(3);
            for (int i = 0; i < w.length; i++) {
                int o = i / (cinPerGroup * k);
                int c = (o / perGroup) * cinPerGroup + (i / k) % cinPerGroup;
                q[i] = toInt(w[i] * from.threshold(c) / src.poolArea() * scale, t.layer());
            }
            return new FxSynapses(src.population().name(), srcShape, src.pool(), src.globalPool(), FxSynapses.Kind.CONV, q,
                    conv.weight().shape(), conv.window(), conv.groups(), 0);
        }
        Linear lin = (Linear) t.layer().op();
        float[] w = lin.weight().toArray();
        int[] q = new int[w.length];
        for (int i = 0; i < w.length; i++) {
            int input = i % lin.inFeatures();
            q[i] = toInt(w[i] * from.threshold(input / perChannel) / src.poolArea() * scale, t.layer());
        }
        return new FxSynapses(src.population().name(), srcShape, src.pool(), src.globalPool(), FxSynapses.Kind.DENSE, q,
                lin.weight().shape(), null, 1, 0);
    }

    private static int toInt(double v, Node where) {
        long r = Math.round(v);
        if (r > Integer.MAX_VALUE || r < Integer.MIN_VALUE) {
            throw SnnStructure.unsupported(where, "scaled weight " + v + " does not fit 32 bits; use fewer scale bits");
        }
        return (int) r;
    }

    private static AnalogInput analog(Graph snn, Map<String, Node> layers, double scale) {
        Shape in = snn.inputShape();
        Map<String, Node> copy = new LinkedHashMap<>(layers);
        return image -> {
            Map<String, long[]> out = new LinkedHashMap<>();
            copy.forEach((population, layer) -> {
                Shape shape = snn.shapeOf(layer.name());
                double[] y = layer.op() instanceof Conv2d c ? FloatLayer.conv(c, image, in, shape)
                        : FloatLayer.linear((Linear) layer.op(), image);
                long[] q = new long[y.length];
                for (int k = 0; k < y.length; k++) {
                    q[k] = Math.round(y[k] * scale);
                }
                out.merge(population, q, (a, b) -> {
                    for (int k = 0; k < a.length; k++) {
                        a[k] += b[k];
                    }
                    return a;
                });
            });
            return out;
        };
    }
}
