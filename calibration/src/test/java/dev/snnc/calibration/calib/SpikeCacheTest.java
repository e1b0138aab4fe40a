package dev.snnc.calibration.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.snnc.calibration.djl.DjlRuntime;
import dev.snnc.calibration.djl.StepValues;
import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Spikes stored 8 steps to a byte read back exactly, times θ per channel, for T not a multiple of 8. */
class SpikeCacheTest {
    @Test
    void packedAndPlainSpikesReadBackExactly() {
        readsBack(0, DataType.UINT8, 2); // 13 steps in 2 bytes per neuron
        readsBack(Long.MAX_VALUE, DataType.BOOLEAN, 13);
    }

    private static void readsBack(long packAbove, DataType stored, int storedSteps) {
        DjlRuntime.engine(1);
        int t = 13;
        GraphBuilder b = Graph.builder("g", "x", dev.snnc.ir.Shape.of(2, 3, 3));
        b.add("pop", new IfNeuron(Tensor.of(new float[] {0.5f, 2f}, 2), Tensor.zeros(2), Tensor.zeros(2, 3, 3),
                NeuronModel.REFERENCE, 1f), Origin.SYNTHETIC, "x");
        Graph g = b.build();
        Random r = new Random(5);
        boolean[][] bits = new boolean[t][4 * 18];
        try (NDManager m = NDManager.newBaseManager(); SpikeCache cache = new SpikeCache(m, packAbove)) {
            List<NDArray> steps = new ArrayList<>();
            for (int s = 0; s < t; s++) {
                for (int i = 0; i < bits[s].length; i++) {
                    bits[s][i] = r.nextInt(3) == 0;
                }
                steps.add(m.create(bits[s], new Shape(4, 2, 3, 3)));
            }
            cache.put("pop", 0, steps, g);
            StepValues v = cache.reader("pop", 0);
            assertEquals(stored, v.arrays().get(0).getDataType());
            assertEquals(storedSteps, v.arrays().get(0).getShape().get(0));
            for (int s = 0; s < t; s++) {
                float[] expected = new float[bits[s].length];
                for (int i = 0; i < expected.length; i++) {
                    int channel = (i / 9) % 2;
                    expected[i] = bits[s][i] ? (channel == 0 ? 0.5f : 2f) : 0f;
                }
                assertArrayEquals(expected, v.at(s).toFloatArray(), "step " + s);
            }
        }
    }
}
