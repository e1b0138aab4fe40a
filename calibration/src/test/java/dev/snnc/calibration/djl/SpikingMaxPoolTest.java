package dev.snnc.calibration.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.MaxPool2d;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.op.Window2d;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The spiking max pool's output is a spike train (0 or θ each step) whose count up to every step is
 * the largest input count in its window up to that step, for overlapping (3x3 stride 2, padded) and
 * non-overlapping (2x2) windows.
 */
class SpikingMaxPoolTest {
    private static final float THETA = 0.75f;
    private static final int T = 24;

    @Test
    void outputCountsAreTheRunningWindowMaximaOfInputCounts() {
        check(new Window2d(2, 2, 2, 2, 1, 1, dev.snnc.ir.op.Padding.NONE, false));
        check(new Window2d(3, 3, 2, 2, 1, 1, new dev.snnc.ir.op.Padding(1, 1, 1, 1), false));
    }

    private static void check(Window2d window) {
        int c = 2;
        int h = 6;
        int w = 6;
        dev.snnc.ir.Shape shape = dev.snnc.ir.Shape.of(c, h, w);
        GraphBuilder b = Graph.builder("mp", "x", shape);
        b.add("pop", new IfNeuron(Tensor.of(new float[] {THETA, THETA}, c), Tensor.zeros(c), Tensor.zeros(c, h, w),
                new NeuronModel(NeuronModel.Reset.SUBTRACT, NeuronModel.Comparison.GREATER_EQUAL, false), 1f),
                Origin.SYNTHETIC, "x");
        b.add("pool", new MaxPool2d(window), Origin.SYNTHETIC, "pop");
        Graph g = b.build();
        float[] currents = new float[c * h * w];
        Random r = new Random(7);
        for (int i = 0; i < currents.length; i++) {
            currents[i] = r.nextFloat() * THETA * 1.1f - 0.05f;
        }
        try (FloatSnnExecutor exec = new FloatSnnExecutor(g, 1); NDManager m = exec.manager().newSubManager()) {
            NDArray x = m.create(currents, new Shape(1, c, h, w));
            Map<String, List<NDArray>> capture = Map.of("pop", new ArrayList<>(), "pool", new ArrayList<>());
            exec.runNodes(x, T, InputEncoding.ANALOG, Preprocessing.UNIT_SCALE, g.nodes(), Map.of(), Set.of(), capture, false);
            NDArray counts = m.zeros(new Shape(1, c, h, w));
            NDArray pooled = m.zeros(capture.get("pool").get(0).getShape());
            for (int t = 0; t < T; t++) {
                counts.addi(capture.get("pop").get(t).toType(ai.djl.ndarray.types.DataType.FLOAT32, false));
                NDArray out = capture.get("pool").get(t);
                float[] v = out.toFloatArray();
                for (float s : v) {
                    assertTrue(s == 0f || Math.abs(s - THETA) < 1e-6, "step " + t + " output " + s);
                }
                pooled.addi(out.div(THETA));
                NDArray expected = ai.djl.nn.pooling.Pool.maxPool2d(counts, new Shape(window.kernelH(), window.kernelW()),
                        new Shape(window.strideH(), window.strideW()),
                        new Shape(window.padding().top(), window.padding().left()), false);
                float[] e = expected.toFloatArray();
                float[] p = pooled.toFloatArray();
                for (int i = 0; i < e.length; i++) {
                    assertEquals(e[i], p[i], 1e-4, "step " + t + " output neuron " + i);
                }
            }
        }
    }
}
