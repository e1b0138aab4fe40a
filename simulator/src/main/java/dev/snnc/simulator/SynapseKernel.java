package dev.snnc.simulator;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;

/**
 * One synapse group laid out for event-driven scatter: for each input event (index, count) the
 * weights of all its targets are contiguous, so the inner loop is a straight multiply-add run.
 * Events are channel-first indexes into the (pooled) source; sums land channel-last in the target
 * ({@link ChannelLast}), where the neuron update reads them.
 */
final class SynapseKernel {
    final FxSynapses spec;
    final Shape pooledShape;
    final int outSize;
    private final int[] scatter;   // DENSE: [I][O]; CONV: [cin][ky][kx][oc within group]; IDENTITY: [C]
    private final int inChannels;
    private final int outChannels;
    private final int outH;
    private final int outW;
    /** CONV: for each source position q = y·W + x, the taps reaching the output: entries tapStart[q] .. tapStart[q+1]. */
    private int[] tapStart;
    /**
     * Largest |shifted sum| one step of this group can add to one target, for spike sources (saturates
     * at Long.MAX_VALUE; analog pixel bytes are larger events, but their host-computed sums never wrap).
     */
    final long maxAbsContribution;
    /** CONV: per tap entry, the output position oy·outW + ox ... */
    private int[] tapOutput;
    /** ... and the kernel tap ky·kw + kx. */
    private int[] tapKernel;
    /**
     * CONV with stride 1: for each source position whose every tap lands inside the output, the
     * channel-last index of channel 0 at the output position that {@link #tapOffset} is relative
     * to; −1 elsewhere (null for strided convs). Depthwise scatter then needs no tap-table lookups
     * for interior positions.
     */
    private int[] interiorBase;
    /** Per kernel tap, its channel-last offset from a position's {@link #interiorBase}. */
    private int[] tapOffset;

    /**
     * The exponent a step's summed contributions still need: 0 where a positive exponent was applied
     * to the weights instead ({@code (Σ w·n) << e = Σ (w << e)·n}, exact while the shifted weights fit
     * an int and no wrap of the shifted sum comes between), which spares the sum a scratch pass.
     */
    final int sumExp;

    /** A kernel that keeps its exponent for the summed contributions ({@link #sumExp} = the group's). */
    SynapseKernel(FxSynapses s, Shape target) {
        this(s, target, null);
    }

    /**
     * @param foldOn the target whose arithmetic this kernel runs under: where it never wraps the
     *               group's sums ({@link #sumWrapBits}), a positive exponent is applied to the
     *               weights; null keeps the exponent
     */
    SynapseKernel(FxSynapses s, Shape target, dev.snnc.ir.target.TargetSpec.Arithmetic foldOn) {
        this.spec = s;
        this.pooledShape = s.pooledShape();
        this.outSize = (int) target.size();
        int[] w = s.weights();
        int[] ws = s.weightShape();
        switch (s.kind()) {
            case DENSE -> {
                int o = ws[0];
                int i = ws[1];
                scatter = new int[w.length];
                for (int r = 0; r < o; r++) {
                    for (int c = 0; c < i; c++) {
                        scatter[c * o + r] = w[r * i + c];
                    }
                }
                inChannels = i;
                outChannels = o;
                outH = 1;
                outW = 1;
            }
            case CONV -> {
                int o = ws[0];
                int cinPerGroup = ws[1];
                int kh = ws[2];
                int kw = ws[3];
                int perGroup = o / s.groups();
                scatter = new int[w.length];
                for (int oc = 0; oc < o; oc++) {
                    int g = oc / perGroup;
                    int local = oc % perGroup;
                    for (int ci = 0; ci < cinPerGroup; ci++) {
                        for (int y = 0; y < kh; y++) {
                            for (int x = 0; x < kw; x++) {
                                int src = ((oc * cinPerGroup + ci) * kh + y) * kw + x;
                                int dst = ((((g * cinPerGroup + ci) * kh + y) * kw + x) * perGroup) + local;
                                scatter[dst] = w[src];
                            }
                        }
                    }
                }
                inChannels = cinPerGroup * s.groups();
                outChannels = o;
                outH = target.dim(1);
                outW = target.dim(2);
                buildTapTable(kh, kw);
            }
            default -> {
                scatter = w.clone();
                inChannels = w.length;
                outChannels = w.length;
                outH = 0;
                outW = 0;
            }
        }
        maxAbsContribution = shifted(saturatingProduct(largestRowSum(w, ws[0]), largestEventCount(s)), s.weightExp());
        boolean fold = foldOn != null && sumWrapBits(foldOn) == 0 && foldable(scatter, s.weightExp());
        sumExp = fold ? 0 : s.weightExp();
        if (fold) {
            for (int i = 0; i < scatter.length; i++) {
                scatter[i] <<= s.weightExp();
            }
        }
    }

    private static boolean foldable(int[] weights, int exp) {
        if (exp <= 0 || exp >= 31) {
            return false;
        }
        long largest = 0;
        for (int w : weights) {
            largest = Math.max(largest, Math.abs((long) w));
        }
        return largest <= Integer.MAX_VALUE >> exp;
    }

    /**
     * The width this group's step sums wrap to on {@code a} (Loihi wraps conv sums), or 0 when they
     * never wrap there: not a conv on a wrapping target, or no step's sum can leave the range, so
     * wrapping would change nothing.
     */
    int sumWrapBits(dev.snnc.ir.target.TargetSpec.Arithmetic a) {
        int bits = a.convWrapBits();
        boolean wraps = spec.kind() == FxSynapses.Kind.CONV && bits > 0 && bits < 63
                && maxAbsContribution > (1L << (bits - 1)) - 1;
        return wraps ? bits : 0;
    }

    /** The largest sum of |weights| into one output (weights are laid out output-major, {@code outputs} rows). */
    private static long largestRowSum(int[] w, int outputs) {
        int per = w.length / outputs;
        long largest = 0;
        for (int o = 0; o < outputs; o++) {
            long sum = 0;
            for (int i = o * per; i < (o + 1) * per; i++) {
                sum += Math.abs((long) w[i]);
            }
            largest = Math.max(largest, sum);
        }
        return largest;
    }

    /** The largest count one event can carry: 1 per spike, or the spikes one pooling window sums. */
    private static long largestEventCount(FxSynapses s) {
        if (s.globalPool()) {
            return s.sourceShape().size() / s.sourceShape().dim(0);
        }
        return s.pool() == null || s.maxPool() ? 1 : (long) s.pool().kernelH() * s.pool().kernelW();
    }

    static long saturatingProduct(long a, long b) {
        return b != 0 && a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    /** A magnitude after the group's exponent: left shifts grow it (saturating), floor right shifts never do. */
    private static long shifted(long magnitude, int exp) {
        if (exp <= 0) {
            return magnitude;
        }
        return exp >= 62 || magnitude > Long.MAX_VALUE >> exp ? Long.MAX_VALUE : magnitude << exp;
    }


    /**
     * Adds the contribution of one input event (index into the pooled source, spike count) to
     * {@code acc} (channel-last, see {@link ChannelLast}); returns the number of
     * synaptic operations performed.
     */
    int scatter(int index, int count, long[] acc) {
        switch (spec.kind()) {
            case DENSE -> {
                VectorOps.addTimes(scatter, index * outChannels, acc, 0, outChannels, count);
                return outChannels;
            }
            case IDENTITY -> {
                int plane = (int) (pooledShape.size() / pooledShape.dim(0));
                acc[ChannelLast.index(index, plane, outChannels)] += (long) scatter[index / plane] * count;
                return 1;
            }
            default -> {
                return scatterConv(index, count, acc);
            }
        }
    }

    /**
     * Precomputes, for each source position, which output positions it reaches through which
     * kernel taps (padding, stride and dilation resolved once), so the scatter of an event does no
     * division or bounds check per tap.
     */
    private void buildTapTable(int kh, int kw) {
        int h = pooledShape.dim(1);
        int w = pooledShape.dim(2);
        Window2d win = spec.window();
        tapStart = new int[h * w + 1];
        int[] outs = new int[h * w * kh * kw];
        int[] taps = new int[outs.length];
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                tapStart[y * w + x] = n;
                for (int ky = 0; ky < kh; ky++) {
                    int ny = y + win.padding().top() - ky * win.dilationH();
                    if (ny < 0 || ny % win.strideH() != 0 || ny / win.strideH() >= outH) {
                        continue;
                    }
                    for (int kx = 0; kx < kw; kx++) {
                        int nx = x + win.padding().left() - kx * win.dilationW();
                        if (nx < 0 || nx % win.strideW() != 0 || nx / win.strideW() >= outW) {
                            continue;
                        }
                        outs[n] = (ny / win.strideH()) * outW + nx / win.strideW();
                        taps[n++] = ky * kw + kx;
                    }
                }
            }
        }
        tapStart[h * w] = n;
        tapOutput = java.util.Arrays.copyOf(outs, n);
        tapKernel = java.util.Arrays.copyOf(taps, n);
        if (win.strideH() == 1 && win.strideW() == 1) {
            buildInteriorOffsets(h, w, kh, kw, win);
        }
    }

    /** With stride 1, tap (ky, kx) of source (y, x) reaches output (y + padTop − ky·dH, x + padLeft − kx·dW). */
    private void buildInteriorOffsets(int h, int w, int kh, int kw, Window2d win) {
        tapOffset = new int[kh * kw];
        for (int ky = 0; ky < kh; ky++) {
            for (int kx = 0; kx < kw; kx++) {
                tapOffset[ky * kw + kx] = ((win.padding().top() - ky * win.dilationH()) * outW
                        + win.padding().left() - kx * win.dilationW()) * outChannels;
            }
        }
        interiorBase = new int[h * w];
        for (int q = 0; q < h * w; q++) {
            interiorBase[q] = tapStart[q + 1] - tapStart[q] == kh * kw ? ((q / w) * outW + q % w) * outChannels : -1;
        }
    }

    private int scatterConv(int index, int count, long[] acc) {
        int plane = tapStart.length - 1;
        int c = index / plane;
        int q = index - c * plane;
        int cinPerGroup = inChannels / spec.groups();
        int perGroup = outChannels / spec.groups();
        int g = c / cinPerGroup;
        int taps = spec.window().kernelH() * spec.window().kernelW();
        int wChannel = c * taps; // = (g·cinPerGroup + ci)·taps
        int oChannel = g * perGroup;
        int from = tapStart[q];
        int to = tapStart[q + 1];
        if (perGroup == 1) { // depthwise: one weight per tap, into the channel's own sums
            if (interiorBase != null && interiorBase[q] >= 0) {
                int o = interiorBase[q] + oChannel;
                if (count == 1) { // an unpooled spike: no multiply (the common case)
                    for (int t = 0; t < taps; t++) {
                        acc[o + tapOffset[t]] += scatter[wChannel + t];
                    }
                } else {
                    for (int t = 0; t < taps; t++) {
                        acc[o + tapOffset[t]] += (long) scatter[wChannel + t] * count;
                    }
                }
                return taps;
            }
            for (int e = from; e < to; e++) {
                acc[tapOutput[e] * outChannels + oChannel] += (long) scatter[wChannel + tapKernel[e]] * count;
            }
            return to - from;
        }
        for (int e = from; e < to; e++) {
            int wBase = (wChannel + tapKernel[e]) * perGroup;
            int oBase = tapOutput[e] * outChannels + oChannel; // contiguous in o
            if (count == 1) { // an unpooled spike: no multiply (the common case)
                VectorOps.add(scatter, wBase, acc, oBase, perGroup);
            } else {
                VectorOps.addTimes(scatter, wBase, acc, oBase, perGroup, count);
            }
        }
        return (to - from) * perGroup;
    }

    /**
     * Turns the source's spikes of one step into pooled events: returns the number of events and
     * fills {@code indexes}/{@code counts}. Without pooling each spike is an event of count 1.
     */
    int pool(int[] spikes, int spikeCount, int[] indexes, int[] counts, int[] scratch) {
        if (spec.maxPool()) {
            throw new IllegalStateException("a max pool keeps per-image state: use maxPool(...)");
        }
        if (spec.pool() == null && !spec.globalPool()) {
            System.arraycopy(spikes, 0, indexes, 0, spikeCount);
            java.util.Arrays.fill(counts, 0, spikeCount, 1);
            return spikeCount;
        }
        java.util.Arrays.fill(scratch, 0, (int) pooledShape.size(), 0);
        int[] windows = windowScratch();
        for (int i = 0; i < spikeCount; i++) {
            int s = spikes[i];
            if (spec.globalPool()) {
                scratch[s / sourcePlane()]++;
                continue;
            }
            int k = windowsContaining(s, windows);
            for (int j = 0; j < k; j++) {
                scratch[windows[j]]++;
            }
        }
        int n = 0;
        for (int i = 0; i < pooledShape.size(); i++) {
            if (scratch[i] != 0) {
                indexes[n] = i;
                counts[n++] = scratch[i];
            }
        }
        return n;
    }

    /** Per-image state of a spiking max pool: running spike count per source neuron, running maximum per window. */
    static final class MaxPoolState {
        final int[] sourceCounts;
        final int[] windowMax;

        MaxPoolState(SynapseKernel k) {
            sourceCounts = new int[(int) k.spec.sourceShape().size()];
            windowMax = new int[(int) k.pooledShape.size()];
        }
    }

    /**
     * A spiking max pool's events of one step (docs/adr/0021): adds the spikes to the running counts
     * and emits one event of count 1 at every window whose largest count grew. Counts grow by at most 1
     * per step, so a window's maximum grows exactly when a spiking neuron in it now exceeds it.
     */
    int maxPool(int[] spikes, int spikeCount, int[] indexes, int[] counts, MaxPoolState state) {
        for (int i = 0; i < spikeCount; i++) {
            state.sourceCounts[spikes[i]]++;
        }
        int[] windows = windowScratch();
        int n = 0;
        for (int i = 0; i < spikeCount; i++) {
            int count = state.sourceCounts[spikes[i]];
            int k = windowsContaining(spikes[i], windows);
            for (int j = 0; j < k; j++) {
                int o = windows[j];
                if (count > state.windowMax[o]) {
                    state.windowMax[o] = count;
                    indexes[n] = o;
                    counts[n++] = 1;
                }
            }
        }
        sortByIndex(indexes, n); // events in index order, as sum pooling delivers them
        return n;
    }

    private int sourcePlane() {
        return spec.sourceShape().dim(1) * spec.sourceShape().dim(2);
    }

    /** A buffer for {@link #windowsContaining}: every pool window position of one kernel. */
    private int[] windowScratch() {
        Window2d p = spec.pool();
        return new int[p == null ? 1 : p.kernelH() * p.kernelW()];
    }

    /**
     * The pooled positions (channel-first indexes) whose window holds source neuron {@code s}
     * (channel-first); returns how many were written to {@code out}.
     */
    private int windowsContaining(int s, int[] out) {
        Shape src = spec.sourceShape();
        int h = src.dim(1);
        int w = src.dim(2);
        int ph = pooledShape.dim(1);
        int pw = pooledShape.dim(2);
        int c = s / (h * w);
        int y = (s / w) % h;
        int x = s % w;
        Window2d p = spec.pool();
        int n = 0;
        for (int oy = 0; oy < ph; oy++) {
            int top = oy * p.strideH() - p.padding().top();
            if (y < top || y >= top + p.kernelH()) {
                continue;
            }
            for (int ox = 0; ox < pw; ox++) {
                int left = ox * p.strideW() - p.padding().left();
                if (x >= left && x < left + p.kernelW()) {
                    out[n++] = (c * ph + oy) * pw + ox;
                }
            }
        }
        return n;
    }

    private static void sortByIndex(int[] indexes, int n) {
        java.util.Arrays.sort(indexes, 0, n);
    }
}
