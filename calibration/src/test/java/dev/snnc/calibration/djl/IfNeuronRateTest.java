package dev.snnc.calibration.djl;

import dev.snnc.ir.InputEncoding;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Spike counts of one population under constant input currents against the closed forms:
 * subtract reset counts {@code clamp(floor(T·x/θ + s), 0, T)} ({@code s} = 0.5 with the shift),
 * with {@code ceil(·) − 1} for the strict comparison; reset to zero fires every
 * {@code ceil(θ/x)} steps. Inputs sit 0.3 of a quantisation step away from any boundary.
 */
class IfNeuronRateTest {
    private static final int T = 16;
    private static final float THETA = 1.5f;
    private static final float[] INPUTS = inputs();

    private static float[] inputs() {
        float[] x = new float[24];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i - 3 + 0.3f) * THETA / T; // -0.3 .. +1.28 steps of θ/T, past saturation
        }
        return x;
    }

    private static float[] spikeCounts(NeuronModel model) {
        return spikeCounts(model, 1f);
    }

    private static float[] spikeCounts(NeuronModel model, float fireRatio) {
        GraphBuilder b = Graph.builder("if", "x", dev.snnc.ir.Shape.of(INPUTS.length));
        b.add("pop", new IfNeuron(Tensor.of(new float[] {THETA}, 1), Tensor.zeros(INPUTS.length),
                Tensor.zeros(INPUTS.length), model, fireRatio), Origin.SYNTHETIC, "x");
        Graph g = b.build();
        try (FloatSnnExecutor exec = new FloatSnnExecutor(g, 1); NDManager m = exec.manager().newSubManager()) {
            NDArray x = m.create(INPUTS, new Shape(1, INPUTS.length));
            NDArray sum = exec.run(x, T, InputEncoding.ANALOG, Preprocessing.UNIT_SCALE, null, Set.of("pop"))
                    .sums().get("pop");
            return sum.div(THETA).toFloatArray();
        }
    }

    @ParameterizedTest
    @CsvSource({"SUBTRACT,GREATER_EQUAL,true", "SUBTRACT,GREATER_EQUAL,false", "SUBTRACT,GREATER,true",
        "SUBTRACT,GREATER,false", "ZERO,GREATER_EQUAL,false", "ZERO,GREATER,false"})
    void spikeCountsMatchTheClosedForm(NeuronModel.Reset reset, NeuronModel.Comparison cmp, boolean shift) {
        float[] counts = spikeCounts(new NeuronModel(reset, cmp, shift));
        for (int i = 0; i < INPUTS.length; i++) {
            double x = INPUTS[i];
            double expected;
            if (reset == NeuronModel.Reset.SUBTRACT) {
                double level = T * x / THETA + (shift ? 0.5 : 0);
                double k = cmp == NeuronModel.Comparison.GREATER_EQUAL ? Math.floor(level) : Math.ceil(level) - 1;
                expected = Math.max(0, Math.min(T, k));
            } else {
                // without shift: membrane j·x; first spike at j = ceil(θ/x) (>=) and then every j steps
                expected = x <= 0 ? 0 : Math.floor(T / Math.max(1, Math.ceil(THETA / x)));
            }
            assertEquals(expected, counts[i], 1e-6, reset + "/" + cmp + "/shift=" + shift + " x=" + x);
        }
    }

    /** Firing at ρθ (reset to zero): a spike every ceil(ρθ/x) steps, each carrying θ (sums divided by θ count spikes). */
    @org.junit.jupiter.api.Test
    void aFireRatioFiresEarlierAndEachSpikeStillCarriesTheThreshold() {
        float ratio = 0.55f; // ρθ/x is never an integer for these inputs
        float[] counts = spikeCounts(new NeuronModel(NeuronModel.Reset.ZERO, NeuronModel.Comparison.GREATER_EQUAL, false), ratio);
        for (int i = 0; i < INPUTS.length; i++) {
            double x = INPUTS[i];
            double expected = x <= 0 ? 0 : Math.floor(T / Math.max(1, Math.ceil(ratio * THETA / x)));
            assertEquals(expected, counts[i], 1e-6, "x=" + x);
        }
    }

    @ParameterizedTest
    @CsvSource({"true", "false"})
    void rateIsClipFloorOfTheInputWithSubtractiveReset(boolean shift) {
        float[] counts = spikeCounts(new NeuronModel(NeuronModel.Reset.SUBTRACT, NeuronModel.Comparison.GREATER_EQUAL, shift));
        for (int i = 0; i < INPUTS.length; i++) {
            double x = INPUTS[i] + (shift ? THETA / (2.0 * T) : 0);
            double clipFloor = Math.floor(Math.min(Math.max(x * T / THETA, 0), T)) * THETA / T;
            assertEquals(clipFloor, counts[i] * THETA / T, 1e-5, "x=" + INPUTS[i]);
        }
    }

    /**
     * The quantized ANN view ({@link FloatGraphExecutor#quantizedAnn}) outputs θ/T times the spikes the
     * float SNN fires from the same constant input, and leaves out the population's calibrated bias
     * and initial potential (here 0.4θ and 0.3θ per neuron, which would move the SNN's counts).
     */
    @ParameterizedTest
    @CsvSource({"GREATER_EQUAL,true", "GREATER_EQUAL,false", "GREATER,true", "GREATER,false"})
    void quantizedAnnViewEqualsTheSpikesOfAConstantInput(NeuronModel.Comparison cmp, boolean shift) {
        NeuronModel model = new NeuronModel(NeuronModel.Reset.SUBTRACT, cmp, shift);
        float[] counts = spikeCounts(model);
        float[] corrections = new float[INPUTS.length];
        java.util.Arrays.fill(corrections, 0.4f * THETA);
        float[] potentials = new float[INPUTS.length];
        java.util.Arrays.fill(potentials, 0.3f * THETA);
        GraphBuilder b = Graph.builder("if", "x", dev.snnc.ir.Shape.of(INPUTS.length));
        b.add("pop", new IfNeuron(Tensor.of(new float[] {THETA}, 1), Tensor.of(corrections, INPUTS.length),
                Tensor.of(potentials, INPUTS.length), model), Origin.SYNTHETIC, "x");
        float[] view;
        try (FloatGraphExecutor exec = FloatGraphExecutor.quantizedAnn(b.build(), T, 1)) {
            view = exec.forward(INPUTS, 1);
        }
        for (int i = 0; i < INPUTS.length; i++) {
            assertEquals(counts[i] * THETA / T, view[i], 1e-5, cmp + "/shift=" + shift + " x=" + INPUTS[i]);
        }
    }
}
