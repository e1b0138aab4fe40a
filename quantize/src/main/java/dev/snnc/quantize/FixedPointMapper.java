package dev.snnc.quantize;

import dev.snnc.ir.fx.Rounding;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.target.TargetSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Rounds a {@link RealNetwork} onto a target's integers (round half away from zero everywhere).
 * <p>Each output channel c of a population gets its own scale S_c (integer units per real unit):
 * its threshold, bias and potentials are per channel anyway, so folding a per-channel weight scale
 * into them costs nothing and keeps depthwise layers, whose channels' weight ranges differ by
 * orders of magnitude, precise. Every synapse group feeding the population (residual sums) uses
 * the same S_c, so the sum stays aligned; each group has one exponent, the largest at which every
 * channel can still use the full weight range without its threshold leaving the mantissa or its
 * constant currents leaving the bias range. Voltages, biases and initial potentials are in
 * {@code S_c · 2^inputShift} units (Loihi feeds {@code a_in << 6}), thresholds in S_c units
 * (compared after {@code << thresholdShift}). Targets with one threshold per population (Lava's
 * stock LIF) get {@code S_c = V/θ_c}, so every channel's integer threshold is V. The readout, whose outputs are compared with each
 * other, has one scale. With a fixed scale (the ideal profile) S is {@code 2^scaleBits} and every
 * exponent 0.
 */
final class FixedPointMapper {
    /** The first layer is computed by the host or the engine's input stage: a wide shift range. */
    static final int INPUT_EXPONENT_MIN = -24;
    static final int INPUT_EXPONENT_MAX = 24;
    /**
     * Constant currents up to this many thresholds per step stay representable. Beyond one threshold
     * per step a neuron fires every step anyway; the margin is for negative currents that other
     * inputs must overcome.
     */
    static final double CURRENT_HEADROOM = 8;

    private final TargetSpec target;
    private final TargetSpec.Arithmetic arith;
    private final Double fixedScale;
    /** Pipeline level of each population: 1 when driven only by the image, else one more than its deepest source. */
    private final Map<String, Integer> levels = new java.util.HashMap<>();

    FixedPointMapper(TargetSpec target, Double fixedScale) {
        this.target = target;
        this.arith = target.arithmetic();
        this.fixedScale = fixedScale;
    }

    /** The mapped network and one report per population, then one for the readout. */
    record Mapping(FxNetwork network, List<LayerQuantization> layers) {
    }

    Mapping map(RealNetwork real, int timesteps, Map<String, String> provenance) {
        levels.clear();
        boolean rateInput = real.inputEncoding().isRate();
        for (RealPopulation p : real.populations()) {
            int level = rateInput && p.input() != null ? 2 : 1; // rate-coded pixels are a spike source of level 1
            for (RealGroup g : p.groups()) {
                level = Math.max(level, levels.getOrDefault(g.source(), 0) + 1);
            }
            levels.put(p.name(), level);
        }
        List<FxPopulation> pops = new ArrayList<>();
        List<FxInput> inputs = new ArrayList<>();
        List<LayerQuantization> reports = new ArrayList<>();
        for (RealPopulation p : real.populations()) {
            pops.add(population(p, rateInput, inputs, reports));
        }
        FxNetwork.FxReadout readout = readout(real, reports);
        FxNetwork net = new FxNetwork(real.name(), real.inputShape(), inputs, pops, readout, target, timesteps, provenance,
                real.inputEncoding());
        return new Mapping(net, reports);
    }

    private FxPopulation population(RealPopulation p, boolean rateInput, List<FxInput> inputs,
                                    List<LayerQuantization> reports) {
        int channels = p.threshold().length;
        double[] cap = thresholdCaps(p.threshold());
        // rate-coded pixel spikes arrive through on-chip synapses: the input group shares the population's scale
        boolean spikingInput = rateInput && p.input() != null;
        List<RealGroup> synaptic = new ArrayList<>(p.groups());
        if (spikingInput) {
            synaptic.add(p.input());
        }
        int[] exps = new int[synaptic.size()];
        double[] scale = fixedScale != null ? filled(channels, fixedScale) : cap.clone();
        for (int g = 0; g < exps.length; g++) {
            RealGroup group = synaptic.get(g);
            exps[g] = fixedScale != null ? 0 : exponent(group.maxAbsPerOutput(), cap, arith.exponentMin(group.isConv()),
                    arith.exponentMax(group.isConv()));
            if (fixedScale == null) {
                double[] m = group.maxAbsPerOutput();
                for (int c = 0; c < channels; c++) {
                    if (m[c] > 0) {
                        scale[c] = Math.min(scale[c], Math.scalb((double) arith.maxWeight(), exps[g]) / m[c]);
                    }
                }
            }
        }
        if (fixedScale == null && !arith.channelThresholds()) {
            uniformThreshold(p, synaptic, scale, exps);
        }
        List<FxSynapses> groups = new ArrayList<>();
        List<Integer> expList = new ArrayList<>();
        Stats stats = new Stats();
        for (int g = 0; g < exps.length; g++) {
            RealGroup.Quantized q = synaptic.get(g).quantize(scale, exps[g], arith.maxWeight());
            groups.add(q.synapses());
            expList.add(exps[g]);
            stats.add(q);
        }
        double[] vScale = new double[channels];
        for (int c = 0; c < channels; c++) {
            vScale[c] = Math.scalb(scale[c], arith.inputShift());
        }
        if (spikingInput) {
            inputs.add(new FxInput(p.name(), groups.remove(groups.size() - 1), inputConstant(p, vScale)));
        } else if (p.input() != null) {
            inputs.add(input(p, vScale, stats, expList));
        }
        long[] threshold = new long[channels];
        for (int c = 0; c < channels; c++) {
            threshold[c] = Math.max(1, Math.min(arith.maxThreshold(), Rounding.halfAwayFromZero(p.threshold()[c] * scale[c])));
        }
        long[] bias = new long[p.current().length];
        long[] v0 = new long[bias.length];
        int saturated = 0;
        int clippedV = 0;
        long vMax = arith.maxVoltage();
        int plane = p.plane();
        // on delay targets a population integrates its bias for (level − 1)·delay steps before its first input
        // arrives; starting that much lower puts it where the float SNN starts when the input does arrive
        long fill = (long) arith.synapticDelay() * (levels.getOrDefault(p.name(), 1) - 1);
        // a target whose files cannot set starting potentials (lava-dl netx) starts every neuron at 0; integer
        // recalibration then absorbs the mean effect into the biases
        boolean startsAtZero = !target.choices().initialPotentials();
        for (int k = 0; k < bias.length; k++) {
            long b = Rounding.halfAwayFromZero(p.current()[k] * vScale[k / plane]);
            saturated += Math.abs(b) > arith.maxBias() ? 1 : 0;
            bias[k] = arith.representableBias(b);
            long v = Rounding.halfAwayFromZero(p.initialV()[k] * vScale[k / plane]) - fill * bias[k];
            clippedV += Math.abs(v) > vMax ? 1 : 0;
            v0[k] = startsAtZero ? 0 : Math.max(-vMax, Math.min(vMax, v));
        }
        reports.add(new LayerQuantization(p.name(), Arrays.stream(scale).min().orElse(0), expList, stats.worstError,
                stats.clipped, Arrays.stream(threshold).min().orElse(0), Arrays.stream(threshold).max().orElse(0), saturated,
                clippedV, Double.NaN, Double.NaN));
        return new FxPopulation(p.name(), p.shape(), groups, threshold, bias, v0, p.origin());
    }

    /**
     * One integer threshold for the whole population (Lava's stock LIF): {@code S_c = V/θ_c} with
     * the largest V every channel allows, then each group's finest exponent that still fits.
     */
    private void uniformThreshold(RealPopulation p, List<RealGroup> synaptic, double[] scale, int[] exps) {
        double v = Double.MAX_VALUE;
        for (int c = 0; c < scale.length; c++) {
            v = Math.min(v, scale[c] * p.threshold()[c]);
        }
        v = Math.max(1, Math.floor(v)); // an integer threshold, represented exactly
        for (int c = 0; c < scale.length; c++) {
            scale[c] = v / p.threshold()[c];
        }
        for (int g = 0; g < exps.length; g++) {
            RealGroup group = synaptic.get(g);
            double[] m = group.maxAbsPerOutput();
            double largest = 0;
            for (int c = 0; c < m.length; c++) {
                largest = Math.max(largest, m[c] * scale[c]);
            }
            exps[g] = finestExponent(largest, arith.exponentMin(group.isConv()), arith.exponentMax(group.isConv()));
        }
    }

    /** The first layer: its sum lands directly in voltage units (a current, added like the bias). */
    private FxInput input(RealPopulation p, double[] vScale, Stats stats, List<Integer> expList) {
        RealGroup in = p.input();
        int exp = 0;
        if (fixedScale == null) {
            double[] m = in.maxAbsPerOutput();
            double largest = 0;
            for (int c = 0; c < m.length; c++) {
                largest = Math.max(largest, m[c] * vScale[c]);
            }
            exp = finestExponent(largest, INPUT_EXPONENT_MIN, INPUT_EXPONENT_MAX);
        }
        RealGroup.Quantized q = in.quantize(vScale, exp, arith.maxWeight());
        expList.add(exp);
        stats.add(q);
        return new FxInput(p.name(), q.synapses(), inputConstant(p, vScale));
    }

    /** The first layer's per-neuron constant (bias and folded preprocessing mean) in voltage units. */
    private static long[] inputConstant(RealPopulation p, double[] vScale) {
        long[] bias = new long[p.inputBias().length];
        int plane = p.plane();
        for (int k = 0; k < bias.length; k++) {
            bias[k] = Rounding.halfAwayFromZero(p.inputBias()[k] * vScale[k / plane]);
        }
        return bias;
    }

    private FxNetwork.FxReadout readout(RealNetwork real, List<LayerQuantization> reports) {
        int outputs = (int) real.readoutShape().size();
        double scale = fixedScale != null ? fixedScale : Double.MAX_VALUE;
        int[] exps = new int[real.readout().size()];
        for (int g = 0; g < exps.length && fixedScale == null; g++) {
            RealGroup group = real.readout().get(g);
            exps[g] = arith.exponentMax(group.isConv());
            double m = Arrays.stream(group.maxAbsPerOutput()).max().orElse(0);
            if (m > 0) {
                scale = Math.min(scale, Math.scalb((double) arith.maxWeight(), exps[g]) / m);
            }
        }
        List<FxSynapses> groups = new ArrayList<>();
        List<Integer> expList = new ArrayList<>();
        Stats stats = new Stats();
        for (int g = 0; g < exps.length; g++) {
            RealGroup group = real.readout().get(g);
            double m = Arrays.stream(group.maxAbsPerOutput()).max().orElse(0) * scale;
            int e = fixedScale != null ? 0
                    : finestExponent(m, arith.exponentMin(group.isConv()), arith.exponentMax(group.isConv()));
            RealGroup.Quantized q = group.quantize(filled(outputs, scale), e, arith.maxWeight());
            groups.add(q.synapses());
            expList.add(e);
            stats.add(q);
        }
        long[] bias = new long[outputs];
        for (int o = 0; o < bias.length; o++) {
            bias[o] = Rounding.halfAwayFromZero(real.readoutBias()[o] * scale);
        }
        reports.add(new LayerQuantization("readout", scale, expList, stats.worstError, stats.clipped, 0, 0, 0, 0,
                Double.NaN, Double.NaN));
        return new FxNetwork.FxReadout(real.readoutShape(), groups, bias);
    }

    /**
     * Per channel, the largest scale at which the threshold fits its mantissa and constant currents
     * of {@link #CURRENT_HEADROOM} thresholds per step fit the bias range.
     */
    private double[] thresholdCaps(double[] threshold) {
        double[] cap = new double[threshold.length];
        for (int c = 0; c < cap.length; c++) {
            double t = Math.max(threshold[c], Double.MIN_NORMAL);
            cap[c] = arith.maxThreshold() / t;
            if (arith.biasBits() < 62) {
                cap[c] = Math.min(cap[c], arith.maxBias() / (CURRENT_HEADROOM * t * Math.scalb(1.0, arith.inputShift())));
            }
        }
        return cap;
    }

    /**
     * The group's exponent: the largest in range at which every channel's full weight range stays
     * within its cap ({@code maxWeight · 2^e / m_c ≤ cap_c}), so no channel must leave weight bits unused.
     */
    private int exponent(double[] maxAbs, double[] cap, int min, int max) {
        int e = max;
        for (int c = 0; c < maxAbs.length; c++) {
            if (maxAbs[c] > 0) {
                double room = cap[c] * maxAbs[c] / arith.maxWeight();
                e = Math.min(e, (int) Math.floor(Math.log(room) / Math.log(2)));
            }
        }
        return Math.max(min, e);
    }

    /** The smallest exponent in {@code [min, max]} at which {@code largest / 2^e} rounds within the weight range. */
    private int finestExponent(double largest, int min, int max) {
        int e = min;
        while (e < max && largest / Math.scalb(1.0, e) > arith.maxWeight() + 0.5) {
            e++;
        }
        return e;
    }

    private static double[] filled(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    /** Worst rounding error and total clipped weights over a layer's groups. */
    private static final class Stats {
        double worstError;
        int clipped;

        void add(RealGroup.Quantized q) {
            worstError = Math.max(worstError, q.relativeError());
            clipped += q.clipped();
        }
    }
}
