package dev.snnc.calibration.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import org.junit.jupiter.api.Test;

class PassBatchTest {
    @Test
    void smallInputsKeepTheRequestedBatchAndLargeOnesGetFewerImages() {
        assertEquals(128, PassBatch.fit(population(64, 28), 128), "a 28x28 model's largest population: 200 KB per image");
        assertEquals(16, PassBatch.fit(population(64, 28), 16), "never more than asked for");
        assertEquals(10, PassBatch.fit(population(64, 112), 128), "224x224 MobileNet: 64x112x112 floats, 3.2 MB per image");
        assertEquals(1, PassBatch.fit(population(256, 512), 128), "at least one image");
        assertEquals(250, PassBatch.fit(population(64, 32), 250, PassBatch.EVALUATION_BYTES), "32x32 evaluation batch kept");
        assertEquals(20, PassBatch.fit(population(64, 112), 250, PassBatch.EVALUATION_BYTES), "224x224 evaluation: 20 images");
    }

    private static Graph population(int channels, int side) {
        GraphBuilder b = Graph.builder("g", "x", Shape.of(channels, side, side));
        b.add("pop", new IfNeuron(Tensor.of(new float[] {1f}, 1), Tensor.zeros(channels), Tensor.zeros(channels, side, side),
                NeuronModel.REFERENCE, 1f), Origin.SYNTHETIC, "x");
        return b.build();
    }
}
