package dev.snnc.calibration.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.snnc.calibration.djl.DjlRuntime;
import dev.snnc.ir.Node;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.NeuronModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Weight calibration's gradient must not depend on when the JVM collects garbage. The straight-through
 * loss once multiplied and divided by Java numbers; DJL turns each into a 0-d tensor over a direct
 * buffer that nothing kept alive for the backward pass, so a collection between forward and backward
 * freed memory autograd still read (docs/adr/0027). Here a full collection runs at exactly that point
 * and the freed small blocks are handed out again and overwritten before the backward pass.
 */
class WeightCalibrationGcTest {
    private static final int BATCH = 16;
    private static final int INPUTS = 8;
    private static final int OUTPUTS = 4;
    private static final int T = 8;

    @Test
    void aGarbageCollectionBetweenForwardAndBackwardChangesNoGradient() {
        DjlRuntime.engine(1);
        Random r = new Random(7);
        Node layer = new Node("fc", new Linear(Tensor.of(uniform(r, OUTPUTS * INPUTS, 0.5f), OUTPUTS, INPUTS),
                Tensor.of(uniform(r, OUTPUTS, 0.1f), OUTPUTS)), List.of("x"), Origin.SYNTHETIC);
        IfNeuron neuron = new IfNeuron(Tensor.of(new float[] {1f}, 1), Tensor.zeros(OUTPUTS), Tensor.zeros(OUTPUTS),
                NeuronModel.REFERENCE);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray in = m.create(uniform(r, BATCH * INPUTS, 1f), new Shape(BATCH, INPUTS)).abs();
            NDArray target = m.create(uniform(r, BATCH * OUTPUTS, 1f), new Shape(BATCH, OUTPUTS)).abs();
            NDArray weight = m.create(((Linear) layer.op()).weight().toArray(), new Shape(OUTPUTS, INPUTS));
            NDArray bias = m.create(((Linear) layer.op()).bias().toArray(), new Shape(OUTPUTS));
            WeightCalibration.Constants k = new WeightCalibration.Constants(m, neuron, new Shape(BATCH, OUTPUTS), T);
            Function<Runnable, float[]> gradient = beforeBackward -> {
                try (NDManager step = m.newSubManager()) {
                    step.tempAttachAll(in, target, weight, bias, k.theta, k.neuronBias);
                    return WeightCalibration.gradient(in, null, target, weight, bias, layer, k, beforeBackward)
                            .toFloatArray();
                }
            };
            float[] quiet = gradient.apply(() -> { });
            assertTrue(nonZero(quiet), "the fixture must have a gradient to compare");
            List<ByteBuffer> reused = new ArrayList<>();
            float[] collected = gradient.apply(() -> collectAndReuseFreedBlocks(reused));
            assertArrayEquals(quiet, collected, "gradient changed by a garbage collection before the backward pass");
        }
    }

    /** Full GC, time for the cleaner to free unreachable direct buffers, then small blocks filled with 0x7f. */
    private static void collectAndReuseFreedBlocks(List<ByteBuffer> keep) {
        System.gc();
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (int i = 0; i < 4096; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(8);
            while (b.hasRemaining()) {
                b.put((byte) 0x7f);
            }
            keep.add(b);
        }
    }

    private static float[] uniform(Random r, int n, float scale) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (r.nextFloat() * 2 - 1) * scale;
        }
        return out;
    }

    private static boolean nonZero(float[] v) {
        for (float x : v) {
            if (x != 0f) {
                return true;
            }
        }
        return false;
    }
}
