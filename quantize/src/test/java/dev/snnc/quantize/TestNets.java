package dev.snnc.quantize;

import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.op.Window2d;
import java.util.Random;

/** Small calibrated-looking SNN graphs and synthetic images for quantizer tests. */
final class TestNets {
    private TestNets() {
    }

    static Tensor random(Random r, double scale, int... shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * r.nextGaussian());
        }
        return Tensor.of(v, shape);
    }

    static IfNeuron neuron(Shape shape, float threshold) {
        return IfNeuron.fresh(shape, threshold, NeuronModel.REFERENCE);
    }

    /**
     * conv 3x3 (1→4) → IF → depthwise 3x3 → pointwise 1x1 → (+ residual from the first IF) → IF →
     * global average pool → linear 10. Weights drawn with a seed; thresholds chosen so that rates
     * are moderate on the synthetic images.
     */
    static Graph residualNet(long seed) {
        Random r = new Random(seed);
        GraphBuilder b = Graph.builder("residual", "x", Shape.of(1, 8, 8));
        b.preprocessing(Preprocessing.UNIT_SCALE);
        String c0 = b.add("c0", new Conv2d(random(r, 0.5, 4, 1, 3, 3), random(r, 0.1, 4), Window2d.of(3, 1, 1), 1),
                new Origin("c0", "Conv"), "x");
        String n0 = b.add("n0", neuron(Shape.of(4, 8, 8), 1.0f), Origin.SYNTHETIC, c0);
        String dw = b.add("dw", new Conv2d(random(r, 0.4, 4, 1, 3, 3), random(r, 0.05, 4), Window2d.of(3, 1, 1), 4),
                new Origin("dw", "Conv"), n0);
        String n1 = b.add("n1", neuron(Shape.of(4, 8, 8), 0.8f), Origin.SYNTHETIC, dw);
        String pw = b.add("pw", new Conv2d(random(r, 0.5, 4, 4, 1, 1), random(r, 0.05, 4), Window2d.of(1, 1, 0), 1),
                new Origin("pw", "Conv"), n1);
        String sum = b.add("sum", new Add(), new Origin("add", "Add"), pw, n0);
        String n2 = b.add("n2", neuron(Shape.of(4, 8, 8), 1.2f), Origin.SYNTHETIC, sum);
        String gap = b.add("gap", new GlobalAvgPool(), Origin.SYNTHETIC, n2);
        String flat = b.add("flat", new Flatten(), Origin.SYNTHETIC, gap);
        b.add("fc", new Linear(random(r, 1.0, 10, 4), random(r, 0.1, 10)), new Origin("fc", "Gemm"), flat);
        return b.build();
    }

    /** Seeded random pixel bytes. */
    static ImageSet images(int n, Shape shape, long seed) {
        return dev.snnc.ir.InMemoryImages.random(n, shape, 10, seed);
    }
}
