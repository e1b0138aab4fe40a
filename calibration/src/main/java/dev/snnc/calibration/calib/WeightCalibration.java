package dev.snnc.calibration.calib;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.snnc.calibration.djl.BatchShapes;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.calibration.djl.Layers;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Layer-wise weight calibration: for the conv/linear layer feeding a population, cache the
 * layer's SNN input averaged over T (and, for a residual sum, the other branch's average) and the
 * ANN activation {@code a}; then fit the weights with Adam and cosine learning-rate decay on
 * {@code mean_batch Σ (clipfloor_STE(W·in + b, T, θ) − a)²}, where the floor passes gradients
 * straight through. Biases and thresholds stay fixed.
 */
public final class WeightCalibration {
    /** Loss over all cached images before training and of the weights kept (never higher). */
    public record Result(String layer, double lossBefore, double lossAfter, int iterations) {
    }

    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private WeightCalibration() {
    }

    /** The synaptic layer trained for {@code population} and the other summand of a residual Add, if any. */
    record Target(Node layer, String shortcut) {
    }

    static Optional<Target> target(Graph snn, Node population) {
        Node feeder = snn.node(population.input(0)).orElse(null);
        if (feeder == null) {
            return Optional.empty();
        }
        if (isSynaptic(feeder)) {
            return Optional.of(new Target(feeder, null));
        }
        if (feeder.op() instanceof Add) {
            for (int i = 0; i < 2; i++) {
                Optional<Node> branch = snn.node(feeder.input(i));
                if (branch.isPresent() && isSynaptic(branch.get())) {
                    return Optional.of(new Target(branch.get(), feeder.input(1 - i)));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isSynaptic(Node n) {
        return n.op() instanceof Conv2d || n.op() instanceof Linear;
    }

    static Graph run(Graph snn, Node population, Target target, FloatGraphExecutor ann, SegmentRunner segment,
                     NDManager parent, CalibrationImages images, CalibrationOptions opt, List<Result> results,
                     ProgressSink progress) {
        IfNeuron neuron = (IfNeuron) population.op();
        Node layer = target.layer();
        try (NDManager work = parent.newSubManager()) {
            Cache cache = Cache.build(work, ann, segment, images, population.name(), layer.input(0), target.shortcut(), opt);
            NDArray weight = work.create(weightOf(layer).toArray(), shapeOf(weightOf(layer)));
            NDArray bias = work.create(biasOf(layer).toArray(), shapeOf(biasOf(layer)));
            Constants k = new Constants(work, neuron, cache.target.getShape(), opt.timesteps());
            double before = fullLoss(cache, weight, bias, layer, k);
            Best best = train(cache, weight, bias, layer, k, opt, progress, population.name(), before);
            results.add(new Result(layer.name(), before, best.loss, opt.weightIterations()));
            if (best.weights == null) {
                return snn; // no checkpoint beat the starting weights
            }
            Tensor trained = Tensor.of(best.weights, weightOf(layer).shape());
            return snn.withOp(layer.name(), layer.op() instanceof Conv2d c ? c.withParameters(trained, c.bias())
                    : ((Linear) layer.op()).withParameters(trained, ((Linear) layer.op()).bias()));
        }
    }

    /** The best checkpoint: its full-data loss and weights (null weights: the starting point was best). */
    private static final class Best {
        double loss;
        float[] weights;
    }

    /**
     * Adam with cosine decay. The straight-through gradient is only a guide for a piecewise
     * constant loss, so every tenth of the run the exact loss over all cached images is checked
     * (cheap: no time steps) and the best weights seen are kept.
     */
    private static Best train(Cache cache, NDArray weight, NDArray bias, Node layer, Constants k,
                              CalibrationOptions opt, ProgressSink progress, String name, double startLoss) {
        Best best = new Best();
        best.loss = startLoss;
        int checkEvery = Math.max(1, opt.weightIterations() / 10);
        NDManager owner = weight.getManager();
        NDArray m = weight.zerosLike();
        NDArray v = weight.zerosLike();
        Random random = new Random(opt.seed() * 31 + name.hashCode());
        int n = (int) cache.input.getShape().get(0);
        int batch = Math.min(opt.weightBatchSize(), n);
        progress.start("weights " + name, opt.weightIterations());
        for (int it = 1; it <= opt.weightIterations(); it++) {
            try (NDManager step = owner.newSubManager()) {
                step.tempAttachAll(weight, m, v, bias, cache.input, cache.target, k.theta, k.neuronBias);
                if (cache.shortcut != null) {
                    step.tempAttachAll(cache.shortcut);
                }
                NDIndex pick = new NDIndex("{}", step.create(randomIndexes(random, n, batch)));
                NDArray g = gradient(cache.input.get(pick), cache.shortcut == null ? null : cache.shortcut.get(pick),
                        cache.target.get(pick), weight, bias, layer, k, () -> { });
                m.muli(BETA1).addi(g.mul(1 - BETA1));
                v.muli(BETA2).addi(g.square().mul(1 - BETA2));
                double lr = opt.learningRate() * 0.5 * (1 + Math.cos(Math.PI * (it - 1) / opt.weightIterations()));
                NDArray mHat = m.div(1 - Math.pow(BETA1, it));
                NDArray vHat = v.div(1 - Math.pow(BETA2, it));
                weight.subi(mHat.mul(lr).div(vHat.sqrt().add(EPSILON)));
            }
            if (it % checkEvery == 0 || it == opt.weightIterations()) {
                double loss = fullLoss(cache, weight, bias, layer, k);
                if (loss < best.loss) {
                    best.loss = loss;
                    best.weights = weight.toFloatArray();
                }
                progress.advance(it);
            }
        }
        progress.end();
        return best;
    }

    /**
     * The straight-through gradient of {@link #loss} on one batch with respect to {@code weight}, in
     * {@code weight}'s current manager. {@code beforeBackward} runs between the forward and the backward
     * pass (a test forces a garbage collection there; training passes nothing).
     */
    static NDArray gradient(NDArray in, NDArray shortcut, NDArray target, NDArray weight, NDArray bias, Node layer,
                            Constants k, Runnable beforeBackward) {
        NDArray trainable = weight.duplicate();
        trainable.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = loss(in, shortcut, target, trainable, bias, layer, k, true);
            beforeBackward.run();
            gc.backward(loss);
        }
        return trainable.getGradient();
    }

    /**
     * {@code mean_batch Σ (clipfloor(W·in + b [+ shortcut], T, θ) − a)²}; STE floor when training.
     *
     * <p>Every scalar operand is an array in {@code in}'s manager, never a Java number: DJL's
     * {@code mul(Number)} and {@code div(Number)} wrap the number in a 0-d tensor over a direct buffer and
     * close it once the product exists, but autograd keeps that tensor for the backward pass without
     * keeping its memory alive, so a garbage collection between forward and backward could free it and the
     * gradient would read whatever was there (docs/adr/0027). The caller closes {@code in}'s manager only
     * after the backward pass. Values and dtypes are the ones DJL's number overloads would use.
     */
    static NDArray loss(NDArray in, NDArray shortcut, NDArray target, NDArray w, NDArray b, Node layer,
                        Constants k, boolean straightThrough) {
        NDManager scalars = in.getManager();
        NDArray timesteps = scalars.create(k.timesteps);
        NDArray y = layer.op() instanceof Conv2d c ? Layers.conv(in, w, b, c) : Layers.linear(in, w, b);
        if (shortcut != null) {
            y = y.add(shortcut);
        }
        NDArray z = y.add(k.neuronBias).mul(timesteps).div(k.theta);
        if (k.shift) {
            z = z.add(scalars.create(0.5));
        }
        z = z.clip(0, k.timesteps);
        NDArray floored = straightThrough ? z.add(z.floor().sub(z).stopGradient()) : z.floor();
        NDArray rate = floored.mul(k.theta).div(timesteps);
        return rate.sub(target).square().sum().div(scalars.create(in.getShape().get(0)));
    }

    private static double fullLoss(Cache cache, NDArray weight, NDArray bias, Node layer, Constants k) {
        long n = cache.input.getShape().get(0);
        double total = 0;
        for (long start = 0; start < n; start += 256) {
            long end = Math.min(n, start + 256);
            try (NDManager scope = weight.getManager().newSubManager()) {
                scope.tempAttachAll(weight, bias, cache.input, cache.target, k.theta, k.neuronBias);
                if (cache.shortcut != null) {
                    scope.tempAttachAll(cache.shortcut);
                }
                NDIndex range = new NDIndex(start + ":" + end);
                total += loss(cache.input.get(range), cache.shortcut == null ? null : cache.shortcut.get(range),
                        cache.target.get(range), weight, bias, layer, k, false).getFloat() * (end - start);
            }
        }
        return total / n;
    }

    private static int[] randomIndexes(Random r, int n, int k) {
        int[] out = new int[k];
        for (int i = 0; i < k; i++) {
            out[i] = r.nextInt(n);
        }
        return out;
    }

    /** Per-population constants broadcast against the layer output. */
    static final class Constants {
        final NDArray theta;
        final NDArray neuronBias;
        final double timesteps;
        final boolean shift;

        Constants(NDManager m, IfNeuron f, Shape out, int t) {
            this.theta = m.create(f.threshold().toArray(), BatchShapes.channel(out.dimension(), f.threshold().size()));
            this.neuronBias = m.create(f.bias().toArray(), BatchShapes.channel(out.dimension(), f.bias().size()));
            this.timesteps = t;
            this.shift = f.model().halfStepShift();
        }
    }

    /** T-averaged SNN inputs, residual summands and ANN targets for all calibration images. */
    private static final class Cache {
        NDArray input;
        NDArray shortcut;
        NDArray target;

        static Cache build(NDManager owner, FloatGraphExecutor ann, SegmentRunner snn, CalibrationImages images,
                           String population, String layerInput, String shortcut, CalibrationOptions opt) {
            Set<String> record = new HashSet<>();
            record.add(layerInput);
            if (shortcut != null) {
                record.add(shortcut);
            }
            List<NDArray> ins = new ArrayList<>();
            List<NDArray> shorts = new ArrayList<>();
            List<NDArray> targets = new ArrayList<>();
            for (int start = 0, b = 0; start < images.size(); start += opt.passBatchSize(), b++) {
                int n = Math.min(opt.passBatchSize(), images.size() - start);
                try (NDManager scope = owner.newSubManager()) {
                    NDArray x = images.batch(scope, start, n);
                    FloatSnnExecutor.Run run = snn.run(x, b, record);
                    ins.add(keep(averageOrInput(run, layerInput, x, opt.timesteps()), owner));
                    if (shortcut != null) {
                        shorts.add(keep(run.sums().get(shortcut).div(opt.timesteps()), owner));
                    }
                    targets.add(keep(ann.forwardUpTo(x, population).get(population), owner));
                }
            }
            Cache c = new Cache();
            c.input = NDArrays.concat(new ai.djl.ndarray.NDList(ins.toArray(new NDArray[0])));
            c.shortcut = shortcut == null ? null : NDArrays.concat(new ai.djl.ndarray.NDList(shorts.toArray(new NDArray[0])));
            c.target = NDArrays.concat(new ai.djl.ndarray.NDList(targets.toArray(new NDArray[0])));
            return c;
        }

        /** The graph input is not recorded by the executor; under analog coding it is the image itself. */
        private static NDArray averageOrInput(FloatSnnExecutor.Run run, String name, NDArray x, int t) {
            NDArray sum = run.sums().get(name);
            return sum == null ? x : sum.div(t);
        }

        private static NDArray keep(NDArray a, NDManager owner) {
            NDArray copy = a.duplicate();
            copy.attach(owner);
            return copy;
        }
    }

    private static Tensor weightOf(Node layer) {
        return layer.op() instanceof Conv2d c ? c.weight() : ((Linear) layer.op()).weight();
    }

    private static Tensor biasOf(Node layer) {
        return layer.op() instanceof Conv2d c ? c.bias() : ((Linear) layer.op()).bias();
    }

    private static Shape shapeOf(Tensor t) {
        long[] d = new long[t.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = t.dim(i);
        }
        return new Shape(d);
    }
}
