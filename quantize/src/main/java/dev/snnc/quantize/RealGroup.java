package dev.snnc.quantize;

import dev.snnc.ir.fx.Rounding;
import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;

/**
 * One synapse group in real units before quantization: the weight one source event (a spike, or
 * a pixel byte) adds to a target, in units of the target's threshold scale. The source's spike
 * amplitude θ and any average-pool divisor are already folded in.
 *
 * @param weights real weights laid out as {@link FxSynapses#weights()}
 * @param maxPool {@code pool} is a spiking max pool (one event of 1 per grown window maximum)
 */
record RealGroup(String source, Shape sourceShape, Window2d pool, boolean globalPool, FxSynapses.Kind kind,
                 double[] weights, int[] weightShape, Window2d window, int groups, boolean maxPool) {

    /** A group whose pool, if any, sums spikes. */
    RealGroup(String source, Shape sourceShape, Window2d pool, boolean globalPool, FxSynapses.Kind kind,
              double[] weights, int[] weightShape, Window2d window, int groups) {
        this(source, sourceShape, pool, globalPool, kind, weights, weightShape, window, groups, false);
    }

    /** Number of target channels (output channels of the projection). */
    int outputs() {
        return weightShape[0];
    }

    /** Largest weight magnitude into each output channel (weights are laid out output-major). */
    double[] maxAbsPerOutput() {
        int per = weights.length / outputs();
        double[] m = new double[outputs()];
        for (int i = 0; i < weights.length; i++) {
            m[i / per] = Math.max(m[i / per], Math.abs(weights[i]));
        }
        return m;
    }

    /** Conv, or an identity shortcut, which backends express as a 1x1 depthwise conv (same exponent rules). */
    boolean isConv() {
        return kind == FxSynapses.Kind.CONV || kind == FxSynapses.Kind.IDENTITY;
    }

    /**
     * The integer group: {@code round(w · scale[o] / 2^exp)} for output channel o, clipped to
     * ±{@code maxWeight}; counts clipped weights.
     */
    Quantized quantize(double[] scale, int exp, long maxWeight) {
        int per = weights.length / outputs();
        int[] q = new int[weights.length];
        int clipped = 0;
        double sumSq = 0;
        double errSq = 0;
        double step = Math.scalb(1.0, exp);
        for (int i = 0; i < q.length; i++) {
            double exact = weights[i] * scale[i / per] / step;
            long r = Rounding.halfAwayFromZero(exact);
            if (Math.abs(r) > maxWeight) {
                r = Long.signum(r) * maxWeight;
                clipped++;
            }
            q[i] = (int) r;
            sumSq += exact * exact;
            errSq += (exact - r) * (exact - r);
        }
        FxSynapses s = new FxSynapses(source, sourceShape, pool, globalPool, kind, q, weightShape, window, groups, exp,
                maxPool);
        return new Quantized(s, clipped, sumSq == 0 ? 0 : Math.sqrt(errSq / sumSq));
    }

    /** A quantized group, how many weights clipped, and the relative RMS rounding error. */
    record Quantized(FxSynapses synapses, int clipped, double relativeError) {
    }
}
