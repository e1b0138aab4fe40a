package dev.snnc.quantize;

import dev.snnc.ir.fx.Rounding;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxInputEncoding;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a calibrated SNN graph as a {@link RealNetwork}: a spike of a population with threshold θ
 * carries θ, so θ (per source channel) and average-pool divisors fold into the weights of the
 * layer that reads it; each population's per-step current is its layers' biases plus the
 * calibrated bias plus θ/(2T) when the half-step shift is on; the first layer reads pixel bytes
 * with {@code x = byte·scale/std − mean/std} folded into its weights and per-neuron constant.
 * With rate-coded input it reads the pixels' binary spikes s instead, {@code x = s/std − mean/std}:
 * the same per-neuron constant, weights without the byte scale.
 */
final class RealNetworkBuilder {
    private RealNetworkBuilder() {
    }

    static RealNetwork build(Graph snn, int timesteps, Preprocessing pre, boolean rateInput) {
        FxInputEncoding encoding = rateInput ? FxInputEncoding.rate(fullScale(pre)) : FxInputEncoding.ANALOG;
        double perEvent = rateInput ? 1 : pre.scale();
        List<RealPopulation> pops = new ArrayList<>();
        for (Node n : snn.nodes()) {
            if (n.op() instanceof IfNeuron f) {
                pops.add(population(snn, n, f, timesteps, pre, perEvent));
            }
        }
        Shape out = snn.outputShape();
        double[] bias = new double[(int) out.size()];
        List<RealGroup> readout = new ArrayList<>();
        for (SnnStructure.Term t : SnnStructure.terms(snn, snn.outputName())) {
            if (t.source().population() == null) {
                throw SnnStructure.unsupported(t.layer(), "the classifier reads the image directly");
            }
            readout.add(group(snn, t));
            addLayerBias(t, bias);
        }
        return new RealNetwork(snn.name(), snn.inputShape(), pops, readout, bias, out, encoding);
    }

    /** The byte of intensity 1 for the rate encoder: the preprocessing scale must be 1/N for an integer N. */
    private static int fullScale(Preprocessing pre) {
        double n = 1 / pre.scale();
        long rounded = Rounding.halfAwayFromZero(n);
        if (rounded < 1 || Math.abs(n - rounded) > 1e-6 * n) {
            throw SnnStructure.unsupported(null, "rate-coded input in fixed point needs a preprocessing scale of 1/N for an "
                    + "integer N (the byte of full intensity); got scale " + pre.scale());
        }
        return (int) rounded;
    }

    private static RealPopulation population(Graph snn, Node n, IfNeuron f, int timesteps, Preprocessing pre,
                                             double perEvent) {
        Shape shape = snn.shapeOf(n.name());
        int channels = shape.dim(0);
        int plane = (int) (shape.size() / channels);
        double[] current = new double[(int) shape.size()];
        List<RealGroup> groups = new ArrayList<>();
        RealGroup input = null;
        double[] inputBias = null;
        for (SnnStructure.Term t : SnnStructure.terms(snn, n.input(0))) {
            if (t.layer() != null && t.source().population() == null) {
                if (input != null) {
                    throw SnnStructure.unsupported(t.layer(), "two layers read the image into population " + n.name());
                }
                input = inputGroup(snn, t.layer(), pre, perEvent);
                inputBias = inputConstant(snn, t.layer(), pre);
                continue;
            }
            groups.add(group(snn, t));
            addLayerBias(t, current);
        }
        double[] threshold = new double[channels];
        double[] v0 = new double[current.length];
        for (int c = 0; c < channels; c++) {
            threshold[c] = f.fireLevel(c); // where it fires; its spikes carry θ into the weights that follow
            double own = f.bias().get(c) + (f.model().halfStepShift() ? f.threshold(c) / (2.0 * timesteps) : 0);
            for (int k = c * plane; k < (c + 1) * plane; k++) {
                current[k] += own;
                v0[k] = f.initialPotential().get(k);
            }
        }
        return new RealPopulation(n.name(), shape, threshold, current, v0, groups, input, inputBias, n.origin());
    }

    /** The layer's own bias, per output neuron (broadcast over positions). */
    private static void addLayerBias(SnnStructure.Term t, double[] perNeuron) {
        if (t.layer() == null) {
            return;
        }
        Tensor b = t.layer().op() instanceof Conv2d c ? c.bias() : ((Linear) t.layer().op()).bias();
        int plane = perNeuron.length / b.size();
        for (int k = 0; k < perNeuron.length; k++) {
            perNeuron[k] += b.get(k / plane);
        }
    }

    /** Real weights per source event: {@code w · θ_source[c] / poolArea}. */
    private static RealGroup group(Graph snn, SnnStructure.Term t) {
        SnnStructure.Source src = t.source();
        IfNeuron from = (IfNeuron) src.population().op();
        String name = src.population().name();
        Shape srcShape = snn.shapeOf(name);
        if (t.layer() == null) {
            double[] w = new double[srcShape.dim(0)];
            for (int c = 0; c < w.length; c++) {
                w[c] = from.threshold(c);
            }
            return new RealGroup(name, srcShape, null, false, FxSynapses.Kind.IDENTITY, w, new int[] {w.length}, null, 1);
        }
        Shape pooled = FxSynapses.pooledShape(srcShape, src.pool(), src.globalPool());
        int perChannel = (int) (pooled.size() / pooled.dim(0));
        if (t.layer().op() instanceof Conv2d conv) {
            double[] w = convWeights(conv, c -> from.threshold(c) / src.poolArea());
            return new RealGroup(name, srcShape, src.pool(), src.globalPool(), FxSynapses.Kind.CONV, w,
                    conv.weight().shape(), conv.window(), conv.groups(), src.maxPool());
        }
        Linear lin = (Linear) t.layer().op();
        double[] w = linearWeights(lin, i -> from.threshold(i / perChannel) / src.poolArea());
        return new RealGroup(name, srcShape, src.pool(), src.globalPool(), FxSynapses.Kind.DENSE, w, lin.weight().shape(),
                null, 1, src.maxPool());
    }

    /** The first layer over pixel events: {@code w · perEvent / std[c]} (perEvent: the byte scale, or 1 per spike). */
    private static RealGroup inputGroup(Graph snn, Node layer, Preprocessing pre, double perEvent) {
        Shape in = snn.inputShape();
        int plane = (int) (in.size() / in.dim(0));
        if (layer.op() instanceof Conv2d conv) {
            double[] w = convWeights(conv, c -> perEvent / std(pre, c));
            return new RealGroup(FxInput.SOURCE, in, null, false, FxSynapses.Kind.CONV, w, conv.weight().shape(),
                    conv.window(), conv.groups());
        }
        Linear lin = (Linear) layer.op();
        double[] w = linearWeights(lin, i -> perEvent / std(pre, i / plane));
        return new RealGroup(FxInput.SOURCE, in, null, false, FxSynapses.Kind.DENSE, w, lin.weight().shape(), null, 1);
    }

    /** The first layer's output for a zero-byte image: its bias plus the folded {@code −mean/std} seen through in-bound taps. */
    private static double[] inputConstant(Graph snn, Node layer, Preprocessing pre) {
        Shape in = snn.inputShape();
        int plane = (int) (in.size() / in.dim(0));
        float[] x = new float[(int) in.size()];
        for (int k = 0; k < x.length; k++) {
            int c = k / plane;
            x[k] = (float) (-mean(pre, c) / std(pre, c));
        }
        return layer.op() instanceof Conv2d c ? FloatLayer.conv(c, x, in, snn.shapeOf(layer.name()))
                : FloatLayer.linear((Linear) layer.op(), x);
    }

    private static double std(Preprocessing pre, int c) {
        return pre.std().get(pre.std().size() == 1 ? 0 : c);
    }

    private static double mean(Preprocessing pre, int c) {
        return pre.mean().get(pre.mean().size() == 1 ? 0 : c);
    }

    /** Conv weights times a factor of each weight's input channel. */
    private static double[] convWeights(Conv2d conv, java.util.function.IntToDoubleFunction perInputChannel) {
        float[] w = conv.weight().toArray();
        double[] out = new double[w.length];
        int cinPerGroup = conv.weight().dim(1);
        int perGroup = conv.outChannels() / conv.groups();
        int k = conv.weight().dim(2) * conv.weight().dim(3);
        for (int i = 0; i < w.length; i++) {
            int o = i / (cinPerGroup * k);
            int c = (o / perGroup) * cinPerGroup + (i / k) % cinPerGroup;
            out[i] = w[i] * perInputChannel.applyAsDouble(c);
        }
        return out;
    }

    private static double[] linearWeights(Linear lin, java.util.function.IntToDoubleFunction perInput) {
        float[] w = lin.weight().toArray();
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] * perInput.applyAsDouble(i % lin.inFeatures());
        }
        return out;
    }
}
