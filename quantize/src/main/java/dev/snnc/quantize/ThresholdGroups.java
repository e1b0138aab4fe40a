package dev.snnc.quantize;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxInput;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits populations into threshold groups for targets with one integer threshold per population
 * (Lava's stock LIF, Loihi 1): there every channel c gets the scale {@code V/θ_c}, so the channel
 * whose largest weight is largest against its threshold caps V and the others keep few weight
 * levels (bundled MobileNet's first depthwise layer: V = 5, median channel weights ±2 of ±127).
 * Each group of channels with similar {@code ρ_c = max|w_c|/θ_c} becomes a population of its own
 * with its own V; whoever reads the population sums one synapse group per part, as residual sums
 * already do, so no IR, simulator or backend changes (docs/adr/0032).
 * <p>Populations joined by a grouped conv (depthwise among them) or an identity shortcut must split
 * at the same channels, between whole conv groups, so they are split together. A grouped conv with
 * a channel multiplier, over the image or into the readout keeps the populations it touches whole.
 * <p>Channels are ordered by ρ and cut into at most {@code maxGroups} runs by dynamic programming
 * over the weight bits the channels leave unused ({@code log2(ρ_max/ρ_c)} summed over channels
 * and the groups feeding them); the fewest runs within a quarter bit per channel of the best are kept.
 */
final class ThresholdGroups {
    /** Bits per channel a split may lose against the best split with {@code maxGroups} runs. */
    static final double TOLERANCE_BITS = 0.25;

    /**
     * The split network and, per original population that was split, its parts in order: each
     * part's population name and the original channels it holds (ascending).
     */
    record Split(RealNetwork network, Map<String, List<ThresholdGroup>> parts) {
    }

    private ThresholdGroups() {
    }

    /** No population split. */
    static Split none(RealNetwork real) {
        return new Split(real, Map.of());
    }

    /** Splits {@code real}; rate-coded pixels feed the first population through synapses (they count). */
    static Split split(RealNetwork real, int maxGroups, boolean rateInput) {
        if (maxGroups <= 1) {
            return none(real);
        }
        List<RealPopulation> pops = real.populations();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < pops.size(); i++) {
            index.put(pops.get(i).name(), i);
        }
        int[] parent = new int[pops.size()];
        Arrays.setAll(parent, i -> i);
        boolean[] fixed = new boolean[pops.size()];
        int[] block = new int[pops.size()]; // channels per conv group on grouped edges into or out of a population
        Arrays.fill(block, 1);
        for (int i = 0; i < pops.size(); i++) {
            RealPopulation p = pops.get(i);
            for (RealGroup g : p.groups()) {
                int q = index.get(g.source());
                if (ChannelSlices.grouped(g)) {
                    if (g.sourceShape().dim(0) != g.outputs()) { // a channel multiplier: no common boundaries
                        fixed[i] = true;
                        fixed[q] = true;
                        continue;
                    }
                    int b = ChannelSlices.channelsPerGroup(g);
                    block[i] = lcm(block[i], b);
                    block[q] = lcm(block[q], b);
                    parent[root(parent, i)] = root(parent, q);
                }
            }
            if (p.input() != null && ChannelSlices.grouped(p.input())) {
                fixed[i] = true;
            }
        }
        for (RealGroup g : real.readout()) {
            if (ChannelSlices.grouped(g)) {
                fixed[index.get(g.source())] = true;
            }
        }
        Map<Integer, List<Integer>> classes = new LinkedHashMap<>();
        for (int i = 0; i < pops.size(); i++) {
            classes.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(i);
        }
        java.util.Set<String> names = new java.util.HashSet<>(index.keySet());
        Map<String, List<ThresholdGroup>> parts = new LinkedHashMap<>();
        for (List<Integer> members : classes.values()) {
            int unit = members.stream().mapToInt(m -> block[m]).reduce(1, ThresholdGroups::lcm);
            int channels = pops.get(members.get(0)).threshold().length;
            if (members.stream().anyMatch(m -> fixed[m]) || channels % unit != 0) {
                continue;
            }
            List<int[]> runs = partition(members.stream().map(pops::get).toList(), maxGroups, rateInput, unit);
            if (runs.size() < 2) {
                continue;
            }
            for (int m : members) {
                String name = pops.get(m).name();
                List<ThresholdGroup> ps = new ArrayList<>();
                for (int k = 0; k < runs.size(); k++) {
                    String part = name + ".g" + k;
                    if (!names.add(part)) {
                        throw new IllegalStateException("population name " + part + " is taken; cannot split " + name);
                    }
                    ps.add(new ThresholdGroup(part, runs.get(k)));
                }
                parts.put(name, ps);
            }
        }
        return new Split(rebuild(real, parts), parts);
    }

    private static int lcm(int a, int b) {
        return a / java.math.BigInteger.valueOf(a).gcd(java.math.BigInteger.valueOf(b)).intValue() * b;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    /**
     * The channel sets (each ascending) of the best split of populations that share their channels,
     * cut only between units of {@code unit} consecutive channels (the conv groups joining them).
     */
    static List<int[]> partition(List<RealPopulation> members, int maxGroups, boolean rateInput, int unit) {
        List<double[]> ratios = new ArrayList<>();
        for (RealPopulation p : members) {
            List<RealGroup> synaptic = new ArrayList<>(p.groups());
            if (rateInput && p.input() != null) {
                synaptic.add(p.input());
            }
            for (RealGroup g : synaptic) {
                double[] m = g.maxAbsPerOutput();
                double[] rho = new double[m.length];
                for (int c = 0; c < m.length; c++) {
                    rho[c] = p.threshold()[c] > 0 ? m[c] / p.threshold()[c] : 0;
                }
                ratios.add(rho);
            }
        }
        int channels = members.get(0).threshold().length;
        int units = channels / unit;
        if (ratios.isEmpty() || units < 2) {
            return List.of(range(channels));
        }
        Integer[] order = new Integer[units];
        double[] key = new double[units];
        for (int u = 0; u < units; u++) {
            order[u] = u;
            double sum = 0;
            int n = 0;
            for (double[] rho : ratios) {
                for (int c = u * unit; c < (u + 1) * unit; c++) {
                    if (rho[c] > 0) {
                        sum += Math.log(rho[c]);
                        n++;
                    }
                }
            }
            key[u] = n == 0 ? Double.NEGATIVE_INFINITY : sum / n;
        }
        Arrays.sort(order, java.util.Comparator.<Integer>comparingDouble(u -> key[u]).thenComparingInt(u -> u));
        double[][] cost = runCosts(ratios, order, unit);
        int groups = Math.min(maxGroups, units);
        double[][] best = new double[groups + 1][units + 1];
        int[][] cut = new int[groups + 1][units + 1];
        for (double[] row : best) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        best[0][0] = 0;
        for (int k = 1; k <= groups; k++) {
            for (int b = k; b <= units; b++) {
                for (int a = k - 1; a < b; a++) {
                    double c = best[k - 1][a] + cost[a][b];
                    if (c < best[k][b]) {
                        best[k][b] = c;
                        cut[k][b] = a;
                    }
                }
            }
        }
        double tolerance = TOLERANCE_BITS * channels * ratios.size();
        int k = 1;
        while (best[k][units] > best[groups][units] + tolerance) {
            k++;
        }
        List<int[]> runs = new ArrayList<>();
        for (int b = units; k > 0; k--) {
            int a = cut[k][b];
            int[] run = new int[(b - a) * unit];
            for (int i = a; i < b; i++) {
                for (int j = 0; j < unit; j++) {
                    run[(i - a) * unit + j] = order[i] * unit + j;
                }
            }
            Arrays.sort(run);
            runs.add(0, run);
            b = a;
        }
        return runs;
    }

    /**
     * {@code cost[a][b]}: the weight bits the channels of the units at sorted positions {@code a..b-1}
     * leave unused if they share one threshold, {@code Σ log2(ρ_max/ρ_c)} over channels and groups.
     */
    private static double[][] runCosts(List<double[]> ratios, Integer[] order, int unit) {
        int n = order.length;
        double[][] cost = new double[n + 1][n + 1];
        double[] max = new double[ratios.size()];
        double[] logSum = new double[ratios.size()];
        int[] count = new int[ratios.size()];
        for (int a = 0; a < n; a++) {
            Arrays.fill(max, 0);
            Arrays.fill(logSum, 0);
            Arrays.fill(count, 0);
            for (int b = a + 1; b <= n; b++) {
                double total = 0;
                for (int t = 0; t < max.length; t++) {
                    for (int c = order[b - 1] * unit; c < (order[b - 1] + 1) * unit; c++) {
                        double rho = ratios.get(t)[c];
                        if (rho > 0) {
                            max[t] = Math.max(max[t], rho);
                            logSum[t] += log2(rho);
                            count[t]++;
                        }
                    }
                    total += count[t] == 0 ? 0 : count[t] * log2(max[t]) - logSum[t];
                }
                cost[a][b] = total;
            }
        }
        return cost;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }

    /** The network with every split population replaced by its parts, and every reader reading each part. */
    private static RealNetwork rebuild(RealNetwork real, Map<String, List<ThresholdGroup>> parts) {
        if (parts.isEmpty()) {
            return real;
        }
        List<RealPopulation> out = new ArrayList<>();
        for (RealPopulation p : real.populations()) {
            List<ThresholdGroup> own = parts.get(p.name());
            if (own == null) {
                out.add(new RealPopulation(p.name(), p.shape(), p.threshold(), p.current(), p.initialV(),
                        readers(p.groups(), parts), p.input(), p.inputBias(), p.origin()));
                continue;
            }
            int plane = p.plane();
            for (int k = 0; k < own.size(); k++) {
                int[] ch = own.get(k).channels();
                List<RealGroup> groups = new ArrayList<>();
                for (RealGroup g : p.groups()) {
                    List<ThresholdGroup> source = parts.get(g.source());
                    if (ChannelSlices.grouped(g)) {
                        // split together with its source: part k reads the source's part k (the same channels)
                        ThresholdGroup s = source.get(k);
                        groups.add(ChannelSlices.outputs(g, ch, s.name(), ChannelSlices.shape(g.sourceShape(), ch)));
                    } else {
                        groups.addAll(readers(List.of(ChannelSlices.outputs(g, ch, g.source(), g.sourceShape())), parts));
                    }
                }
                RealGroup input = p.input() == null ? null
                        : ChannelSlices.outputs(p.input(), ch, FxInput.SOURCE, p.input().sourceShape());
                double[] inputBias = p.inputBias() == null ? null : ChannelSlices.neurons(p.inputBias(), plane, ch);
                Shape shape = ChannelSlices.shape(p.shape(), ch);
                out.add(new RealPopulation(own.get(k).name(), shape, ChannelSlices.channels(p.threshold(), ch),
                        ChannelSlices.neurons(p.current(), plane, ch), ChannelSlices.neurons(p.initialV(), plane, ch),
                        groups, input, inputBias, p.origin()));
            }
        }
        return new RealNetwork(real.name(), real.inputShape(), out, readers(real.readout(), parts), real.readoutBias(),
                real.readoutShape(), real.inputEncoding());
    }

    /** Groups that mix channels, with one group per part of each split source. */
    private static List<RealGroup> readers(List<RealGroup> groups, Map<String, List<ThresholdGroup>> parts) {
        List<RealGroup> out = new ArrayList<>();
        for (RealGroup g : groups) {
            List<ThresholdGroup> source = parts.get(g.source());
            if (source == null) {
                out.add(g);
                continue;
            }
            for (ThresholdGroup s : source) {
                out.add(ChannelSlices.inputs(g, s.channels(), s.name()));
            }
        }
        return out;
    }
}
