package dev.snnc.ir.fx;

import dev.snnc.ir.Shape;
import dev.snnc.ir.op.Window2d;
import java.util.Arrays;

/**
 * One group of integer synapses from a source population into a target: the source's spikes
 * (counted as 1 each) optionally sum-pooled ({@code pool}, or summed over all positions with
 * {@code globalPool}), then projected by a conv, dense or per-channel identity map with integer
 * weights. The contribution of one step is {@code Σ w·count}, shifted by {@code weightExp}
 * (left if positive, floor right if negative) on targets with a shared exponent.
 *
 * @param source       name of the source population
 * @param sourceShape  the source population's shape
 * @param pool         sum-pool window applied before the projection, or null
 * @param globalPool   sum over all spatial positions before the projection
 * @param kind         projection
 * @param weights      row-major: conv {@code [O, I/groups, kH, kW]}, dense {@code [O, I]}, identity {@code [C]}
 * @param weightShape  shape of {@code weights}
 * @param window       conv geometry (null otherwise)
 * @param groups       conv groups
 * @param weightExp    shared weight exponent
 * @param maxPool      {@code pool} is a spiking max pool, not a sum: a pooled position sends one event
 *                     when the largest running spike count in its window grows (docs/adr/0021)
 */
public record FxSynapses(String source, Shape sourceShape, Window2d pool, boolean globalPool, Kind kind, int[] weights,
                         int[] weightShape, Window2d window, int groups, int weightExp, boolean maxPool) {
    /** Projection kinds. */
    public enum Kind { CONV, DENSE, IDENTITY }

    public FxSynapses {
        weights = weights.clone();
        weightShape = weightShape.clone();
        if (maxPool && (pool == null || globalPool)) {
            throw new IllegalArgumentException("a spiking max pool needs a pool window (and no global pool)");
        }
    }

    /** Synapses whose pool, if any, sums spikes. */
    public FxSynapses(String source, Shape sourceShape, Window2d pool, boolean globalPool, Kind kind, int[] weights,
                      int[] weightShape, Window2d window, int groups, int weightExp) {
        this(source, sourceShape, pool, globalPool, kind, weights, weightShape, window, groups, weightExp, false);
    }

    /** The source shape after pooling: what the projection's weights index. */
    public Shape pooledShape() {
        return pooledShape(sourceShape, pool, globalPool);
    }

    /** {@code [C, H', W']} after a sum-pool window, {@code [C, 1, 1]} after global pooling, else the source. */
    public static Shape pooledShape(Shape source, Window2d pool, boolean globalPool) {
        if (globalPool) {
            return Shape.of(source.dim(0), 1, 1);
        }
        if (pool != null) {
            return Shape.of(source.dim(0), pool.outputHeight(source.dim(1)), pool.outputWidth(source.dim(2)));
        }
        return source;
    }

    @Override
    public int[] weights() {
        return weights.clone();
    }

    /** The number of weights (without copying them). */
    public int weightCount() {
        return weights.length;
    }

    /** Weight {@code i} in row-major order. */
    public int weight(int i) {
        return weights[i];
    }

    @Override
    public int[] weightShape() {
        return weightShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FxSynapses s && source.equals(s.source) && sourceShape.equals(s.sourceShape)
                && java.util.Objects.equals(pool, s.pool) && globalPool == s.globalPool && kind == s.kind
                && Arrays.equals(weights, s.weights) && Arrays.equals(weightShape, s.weightShape)
                && java.util.Objects.equals(window, s.window) && groups == s.groups && weightExp == s.weightExp
                && maxPool == s.maxPool;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(source, kind, Arrays.hashCode(weights), weightExp);
    }

    @Override
    public String toString() {
        return "FxSynapses[" + source + " -> " + kind + " " + Arrays.toString(weightShape) + " exp " + weightExp + "]";
    }
}
