package dev.snnc.backend.loihi.mapping;

import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.target.TargetSpec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Greedy, layer-ordered core mapping of a legalized network (see the package documentation for
 * the cost model). A limit of 0 means "not published": not enforced.
 */
public final class CoreMapper {
    private final TargetSpec.Limits limits;
    private final int weightBits;

    public CoreMapper(TargetSpec.Limits limits, int weightBits) {
        this.limits = limits;
        this.weightBits = weightBits;
    }

    /**
     * Maps the network; when a core has more output axons than allowed, its population's cores are
     * made smaller (fewer source neurons per core means fewer (neuron, target core) pairs) and the
     * mapping is redone, up to a fixed number of rounds.
     */
    public CoreMap map(FxNetwork net) {
        Map<String, Integer> caps = new HashMap<>();
        for (int round = 0; ; round++) {
            CoreMap m = mapOnce(net, caps);
            CoreMap.Core worst = null;
            for (CoreMap.Core c : m.cores()) {
                if (limits.outputAxonsPerCore() > 0 && c.outputAxons() > limits.outputAxonsPerCore()
                        && (worst == null || c.outputAxons() > worst.outputAxons())) {
                    worst = c;
                }
            }
            if (worst == null) {
                return m;
            }
            int shrunk = (int) (worst.neurons() * (double) limits.outputAxonsPerCore() / worst.outputAxons());
            if (round == MAX_ROUNDS || shrunk < 1) {
                throw noFit("core " + worst.id() + " (" + worst.population() + ") needs " + worst.outputAxons()
                        + " output axons; a core has " + limits.outputAxonsPerCore() + " (after " + round
                        + " rounds of smaller cores)", "lower --neurons-per-core or raise the output-axon limit");
            }
            caps.merge(worst.population(), shrunk, Math::min);
        }
    }

    private static final int MAX_ROUNDS = 30;

    private CoreMap mapOnce(FxNetwork net, Map<String, Integer> caps) {
        Map<String, int[]> coreOf = new HashMap<>();
        List<long[]> outAxons = new ArrayList<>(); // per core, grown as cores open
        Map<String, List<CoreMap.Range>> ranges = new LinkedHashMap<>();
        List<CoreMap.Core> cores = new ArrayList<>();
        Map<String, int[]> lastCoreBySource = new HashMap<>();
        for (int p = 0; p < net.populations().size(); p++) {
            FxPopulation pop = net.populations().get(p);
            lastCoreBySource.put(pop.name(), filled((int) pop.shape().size(), -1));
            coreOf.put(pop.name(), new int[(int) pop.shape().size()]);
        }
        for (FxPopulation pop : net.populations()) {
            new PopulationFill(pop, coreOf, lastCoreBySource, cores, ranges, outAxons,
                    caps.getOrDefault(pop.name(), limits.neuronsPerCore())).run();
        }
        int chips = cores.isEmpty() ? 0 : cores.get(cores.size() - 1).chip() + 1;
        if (limits.maxChips() > 0 && chips > limits.maxChips()) {
            throw noFit("the network needs " + chips + " chips (" + cores.size() + " cores); the board has "
                    + limits.maxChips() + " chips of " + limits.coresPerChip() + " cores",
                    "on a multi-board system give --max-chips " + chips + " (or 0 for no limit); otherwise use a "
                            + "smaller model (width multiplier, input size)");
        }
        List<CoreMap.Core> withAxons = new ArrayList<>();
        for (CoreMap.Core c : cores) {
            long out = outAxons.get(c.id())[0];
            withAxons.add(new CoreMap.Core(c.id(), c.chip(), c.population(), c.neurons(), c.synapses(), c.synapseBits(),
                    c.inputAxons(), out));
        }
        return new CoreMap(ranges, withAxons, chips);
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    static SnncException noFit(String what, String fix) {
        return new SnncException(Diagnostic.of(DiagnosticCode.DOES_NOT_FIT, Origin.SYNTHETIC, what + "; " + fix));
    }

    /** Fills cores with one population's neurons in Lava order. */
    private final class PopulationFill {
        final FxPopulation pop;
        final Map<String, int[]> coreOf;
        final Map<String, int[]> lastCoreBySource;
        final List<CoreMap.Core> cores;
        final Map<String, List<CoreMap.Range>> ranges;
        final List<long[]> outAxons;
        final int neuronCap;
        final Map<String, BitSet> seen = new HashMap<>();
        int start;
        int neurons;
        long synapses;
        int axons;

        PopulationFill(FxPopulation pop, Map<String, int[]> coreOf, Map<String, int[]> lastCoreBySource,
                       List<CoreMap.Core> cores, Map<String, List<CoreMap.Range>> ranges, List<long[]> outAxons,
                       int neuronCap) {
            this.pop = pop;
            this.neuronCap = neuronCap;
            this.coreOf = coreOf;
            this.lastCoreBySource = lastCoreBySource;
            this.cores = cores;
            this.ranges = ranges;
            this.outAxons = outAxons;
        }

        void run() {
            Shape shape = pop.shape();
            int size = (int) shape.size();
            ranges.put(pop.name(), new ArrayList<>());
            open(0);
            for (int lava = 0; lava < size; lava++) {
                int neuron = LavaOrder.toSnnc(shape, lava);
                long[] cost = cost(neuron, false);
                if (!fits(cost)) {
                    close(lava);
                    open(lava);
                    cost = cost(neuron, false);
                    if (!fits(cost)) {
                        throw noFit(describe(neuron) + " needs " + cost[0] + " synapses x " + weightBits + " bits = "
                                + cost[0] * weightBits + " bits and " + cost[1] + " input axons; a core has "
                                + limits.synapseMemoryBitsPerCore() + " bits and " + limit(limits.inputAxonsPerCore())
                                + " axons", "use fewer input channels per layer, fewer weight bits, or override the "
                                + "limits (--synapse-bits-per-core)");
                    }
                }
                cost(neuron, true);
                neurons++;
                synapses += cost[0];
                axons += (int) cost[1];
                coreOf.get(pop.name())[neuron] = cores.size();
            }
            close(size);
        }

        private String limit(int v) {
            return v == 0 ? "unlimited" : Integer.toString(v);
        }

        private String describe(int neuron) {
            Shape s = pop.shape();
            if (s.rank() != 3) {
                return "neuron " + neuron + " of " + pop.name();
            }
            int plane = s.dim(1) * s.dim(2);
            return "neuron (c=" + neuron / plane + ", y=" + (neuron % plane) / s.dim(2) + ", x=" + neuron % s.dim(2) + ") of "
                    + pop.name();
        }

        private boolean fits(long[] cost) {
            boolean n = neuronCap == 0 || neurons + 1 <= neuronCap;
            boolean m = limits.synapseMemoryBitsPerCore() == 0
                    || (synapses + cost[0]) * weightBits <= limits.synapseMemoryBitsPerCore();
            boolean a = limits.inputAxonsPerCore() == 0 || axons + cost[1] <= limits.inputAxonsPerCore();
            return n && m && a;
        }

        /** {fan-in synapses, new input axons}; with {@code commit} marks sources seen and counts output axons. */
        private long[] cost(int neuron, boolean commit) {
            long[] c = new long[2];
            int core = cores.size();
            for (FxSynapses g : pop.inputs()) {
                BitSet bits = seen.computeIfAbsent(g.source(), k -> new BitSet());
                int[] last = lastCoreBySource.get(g.source());
                int[] srcCore = coreOf.get(g.source());
                FanIn.forEachSource(g, pop.shape(), neuron, s -> {
                    c[0]++;
                    if (!bits.get(s)) {
                        c[1]++;
                        if (commit) {
                            bits.set(s);
                        }
                    }
                    if (commit && last[s] != core) {
                        last[s] = core;
                        outAxons.get(srcCore[s])[0]++;
                    }
                });
            }
            return c;
        }

        private void open(int at) {
            start = at;
            neurons = 0;
            synapses = 0;
            axons = 0;
            seen.clear();
            outAxons.add(new long[1]);
        }

        private void close(int end) {
            if (end == start) {
                outAxons.remove(outAxons.size() - 1);
                return;
            }
            int id = cores.size();
            int chip = limits.coresPerChip() == 0 ? 0 : id / limits.coresPerChip();
            cores.add(new CoreMap.Core(id, chip, pop.name(), neurons, synapses, synapses * weightBits, axons, 0));
            ranges.get(pop.name()).add(new CoreMap.Range(id, chip, start, end));
        }
    }
}
