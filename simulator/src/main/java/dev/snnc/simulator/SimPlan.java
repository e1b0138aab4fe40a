package dev.snnc.simulator;

import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.target.TargetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@link FxNetwork} prepared for simulation, shared read-only by all image runs: scatter
 * kernels per synapse group, each population's pipeline level (1 for populations driven only by
 * an analog image, one more per synaptic layer; rate-coded pixels are a spike source of level 1),
 * and event buffer sizes.
 */
final class SimPlan {
    final FxNetwork net;
    final List<List<SynapseKernel>> kernels = new ArrayList<>();
    final List<int[]> kernelSources = new ArrayList<>();
    final List<SynapseKernel> readoutKernels = new ArrayList<>();
    final int[] readoutSources;
    final Map<Integer, List<InputKernel>> inputKernels = new HashMap<>();
    final int[] level;
    final int readoutLevel;
    final int largestEventBuffer;
    final int largestPopulation;
    /** Per population: its neuron update, without the current's wrap test where no input can trigger it. */
    final NeuronUpdate[] updates;
    /**
     * Per population: every neuron of a channel gets the same constant current in every image (one
     * bias per channel and no first layer, whose current depends on the image), so the update can
     * read it once per channel.
     */
    final boolean[] channelUniformBias;
    /** Per population, channel-last: the initial potentials (each image runs on a copy). */
    final long[][] initialV;
    /** The same as ints, for populations whose potentials fit an int on this target (else null). */
    final int[][] narrowInitialV;
    /**
     * Per population, channel-last: its bias plus its first layer's per-neuron constant, if it has
     * one (before the image's part and before rounding to what the target can hold).
     */
    final long[][] constantPart;
    /**
     * Per population without a first layer, channel-last: its constant current, representable on
     * the target; one value per channel where {@link #channelUniformBias}. Null where the current
     * depends on the image.
     */
    final long[][] fixedCurrent;
    /** Per population: neurons of {@link #fixedCurrent} whose bias was beyond the target's range. */
    final long[] fixedSaturated;
    /** Per population and channel: the threshold the update compares with, after the target's threshold shift. */
    final long[][] thresholds;

    SimPlan(FxNetwork net) {
        this.net = net;
        Map<String, Integer> indexOf = new HashMap<>();
        int n = net.populations().size();
        dev.snnc.ir.fx.PipelineLevels levels = net.levels();
        level = levels.population();
        int largest = (int) Math.max(net.inputShape().size(), net.readout().shape().size());
        int largestPop = (int) net.readout().shape().size();
        for (int p = 0; p < n; p++) {
            FxPopulation pop = net.populations().get(p);
            List<SynapseKernel> ks = new ArrayList<>();
            int[] sources = new int[pop.inputs().size()];
            for (int i = 0; i < sources.length; i++) {
                FxSynapses s = pop.inputs().get(i);
                sources[i] = index(indexOf, s);
                ks.add(new SynapseKernel(s, pop.shape(), net.target().arithmetic()));
                largest = Math.max(largest, (int) Math.max(s.pooledShape().size(), s.sourceShape().size()));
            }
            kernels.add(ks);
            kernelSources.add(sources);
            indexOf.put(pop.name(), p);
            largestPop = Math.max(largestPop, (int) pop.shape().size());
        }
        readoutSources = new int[net.readout().inputs().size()];
        for (int i = 0; i < readoutSources.length; i++) {
            FxSynapses s = net.readout().inputs().get(i);
            readoutSources[i] = index(indexOf, s);
            readoutKernels.add(new SynapseKernel(s, net.readout().shape(), net.target().arithmetic()));
            largest = Math.max(largest, (int) Math.max(s.pooledShape().size(), s.sourceShape().size()));
        }
        readoutLevel = levels.readout();
        for (FxInput in : net.inputs()) {
            Integer p = indexOf.get(in.population());
            if (p == null) {
                throw new IllegalArgumentException("input layer drives unknown population '" + in.population() + "'");
            }
            if (!in.imageShape().equals(net.inputShape())) {
                throw new IllegalArgumentException("input layer of '" + in.population() + "' reads " + in.imageShape()
                        + ", the network's image is " + net.inputShape());
            }
            inputKernels.computeIfAbsent(p, k -> new ArrayList<>())
                    .add(new InputKernel(new SynapseKernel(in.synapses(), net.populations().get(p).shape()), in.bias()));
        }
        largestEventBuffer = largest;
        largestPopulation = largestPop;
        updates = new NeuronUpdate[n];
        channelUniformBias = new boolean[n];
        thresholds = new long[n][];
        initialV = new long[n][];
        narrowInitialV = new int[n][];
        constantPart = new long[n][];
        fixedCurrent = new long[n][];
        fixedSaturated = new long[n];
        int thresholdShift = net.target().arithmetic().thresholdShift();
        for (int p = 0; p < n; p++) {
            FxPopulation pop = net.populations().get(p);
            channelUniformBias[p] = !inputKernels.containsKey(p) && uniformPerChannel(pop.bias(), pop.plane());
            int channels = pop.shape().dim(0);
            initialV[p] = ChannelLast.fromChannelFirst(pop.initialV(), channels);
            constantPart[p] = ChannelLast.fromChannelFirst(pop.bias(), channels);
            for (InputKernel in : inputKernels.getOrDefault(p, List.of())) {
                long[] inputBias = ChannelLast.fromChannelFirst(in.bias(), channels);
                for (int k = 0; k < inputBias.length; k++) {
                    constantPart[p][k] += inputBias[k];
                }
            }
            if (!inputKernels.containsKey(p)) {
                long[] c = constantPart[p].clone();
                fixedSaturated[p] = makeRepresentable(c, net.target().arithmetic());
                fixedCurrent[p] = channelUniformBias[p] ? java.util.Arrays.copyOf(c, channels) : c; // position 0: every channel
            }
            thresholds[p] = new long[channels];
            long largestThreshold = 0;
            for (int c = 0; c < thresholds[p].length; c++) {
                thresholds[p][c] = pop.threshold(c) << thresholdShift;
                largestThreshold = Math.max(largestThreshold, Math.abs(thresholds[p][c]));
            }
            updates[p] = new NeuronUpdate(net.target().arithmetic(), currentMayWrap(p), thresholds[p]);
            narrowInitialV[p] = narrow(initialV[p], net.target().arithmetic().maxVoltage(), largestThreshold);
        }
    }

    /**
     * The potentials as ints when every value the update can store fits one: saturation keeps |v|
     * at most {@code vMax} before the reset, which moves it by at most the largest |θ|; that and
     * the initial values decide. Null otherwise.
     */
    private static int[] narrow(long[] v0, long vMax, long largestThreshold) {
        if (vMax > Integer.MAX_VALUE - largestThreshold) {
            return null;
        }
        int[] narrow = new int[v0.length];
        for (int k = 0; k < v0.length; k++) {
            if (v0[k] != (int) v0[k]) {
                return null;
            }
            narrow[k] = (int) v0[k];
        }
        return narrow;
    }

    /** Replaces each constant current by the nearest the target can hold; returns how many were beyond its range. */
    static long makeRepresentable(long[] c, TargetSpec.Arithmetic arith) {
        long limit = arith.maxBias();
        long saturated = 0;
        for (int n = 0; n < c.length; n++) {
            saturated += Math.abs(c[n]) > limit ? 1 : 0;
            c[n] = arith.representableBias(c[n]);
        }
        return saturated;
    }

    private static boolean uniformPerChannel(long[] c, int plane) {
        for (int k = 0; k < c.length; k++) {
            if (c[k] != c[k - k % plane]) {
                return false;
            }
        }
        return true;
    }

    /** True when population p's summed synaptic input, shifted by the input shift, could reach the current width's wrap. */
    private boolean currentMayWrap(int p) {
        var a = net.target().arithmetic();
        if (a.currentBits() >= 63) {
            return false;
        }
        long bound = 0;
        List<SynapseKernel> ks = new ArrayList<>(kernels.get(p));
        if (net.inputEncoding().isRate()) {
            inputKernels.getOrDefault(p, List.of()).forEach(in -> ks.add(in.kernel()));
        }
        for (SynapseKernel k : ks) {
            int wrap = k.sumWrapBits(a); // a wrapped sum stays within its width
            long c = wrap > 0 ? Math.min(k.maxAbsContribution, 1L << (wrap - 1)) : k.maxAbsContribution;
            bound = bound > Long.MAX_VALUE - c ? Long.MAX_VALUE : bound + c;
        }
        long u = a.inputShift() >= 62 || bound > Long.MAX_VALUE >> a.inputShift() ? Long.MAX_VALUE : bound << a.inputShift();
        return u >= 1L << (a.currentBits() - 1);
    }

    /** A first-layer kernel over pixel bytes and its per-neuron bias. */
    record InputKernel(SynapseKernel kernel, long[] bias) {
    }

    private static int index(Map<String, Integer> indexOf, FxSynapses s) {
        Integer i = indexOf.get(s.source());
        if (i == null) {
            throw new IllegalArgumentException("synapses read unknown or later population '" + s.source() + "'");
        }
        return i;
    }

    /** Steps of pipeline latency: one per synaptic layer after the first, on targets with delay. */
    int latency() {
        return net.target().arithmetic().synapticDelay() * (readoutLevel - 1);
    }

    /** The first step at which population {@code p} sees image frame 0. */
    int windowStart(int p) {
        return net.target().arithmetic().synapticDelay() * (level[p] - 1);
    }
}
