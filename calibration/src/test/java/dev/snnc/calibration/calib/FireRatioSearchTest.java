package dev.snnc.calibration.calib;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FireRatioSearchTest {
    private static final NeuronModel STOCK = new NeuronModel(NeuronModel.Reset.ZERO, NeuronModel.Comparison.GREATER, false);

    /** Each channel's error is (ρ − best_c)² + offset: the search must land on best_c to 0.025, per channel. */
    @Test
    void refinesEachChannelBetweenTheCoarseCandidates() {
        float[] optimum = {0.925f, 0.675f, 0.45f, 1f};
        List<float[]> tried = new ArrayList<>();
        Graph chosen = FireRatioSearch.choose(population(optimum.length), "pop", g -> {
            IfNeuron f = (IfNeuron) g.node("pop").orElseThrow().op();
            float[] mse = new float[optimum.length];
            float[] mean = new float[optimum.length];
            float[] ratios = new float[optimum.length];
            for (int c = 0; c < mse.length; c++) {
                ratios[c] = f.fireRatio(c);
                double d = f.fireRatio(c) - optimum[c];
                mean[c] = 0.5f; // removable by bias calibration: the same for every ratio
                mse[c] = (float) (d * d) + 0.25f;
            }
            tried.add(ratios);
            return new RateMeasurement.Result(mean, mse, new float[0], 0, 0, 0);
        }, true);
        IfNeuron f = (IfNeuron) chosen.node("pop").orElseThrow().op();
        float[] got = new float[optimum.length];
        for (int c = 0; c < got.length; c++) {
            got[c] = f.fireRatio(c);
        }
        assertArrayEquals(optimum, got, 1e-6f);
        assertEquals(FireRatioSearch.CANDIDATES.length + 2 * FireRatioSearch.REFINE_STEPS.length, tried.size(),
                "two passes per refinement step, whatever the channel count");
        for (float[] r : tried) {
            for (float v : r) {
                assertEquals(true, v >= FireRatioSearch.MIN_RATIO && v <= 1f, "ratio " + v + " out of range");
            }
        }
    }

    private static Graph population(int channels) {
        GraphBuilder b = Graph.builder("g", "x", Shape.of(channels, 2, 2));
        b.add("pop", new IfNeuron(Tensor.of(new float[] {1f}, 1), Tensor.zeros(channels), Tensor.zeros(channels, 2, 2),
                STOCK, 1f), Origin.SYNTHETIC, "x");
        return b.build();
    }
}
