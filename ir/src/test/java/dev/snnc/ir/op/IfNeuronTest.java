package dev.snnc.ir.op;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.Shape;
import org.junit.jupiter.api.Test;

/** The fire ratio: where a population fires, which neurons may have one, and what a spike carries. */
class IfNeuronTest {
    private static final NeuronModel ZERO = new NeuronModel(NeuronModel.Reset.ZERO, NeuronModel.Comparison.GREATER, true);

    @Test
    void aPopulationFiresAtItsRatioOfTheThresholdAndItsSpikeCarriesTheThreshold() {
        IfNeuron f = IfNeuron.fresh(Shape.of(2, 3, 3), 2.0f, ZERO).withFireRatio(0.6f);
        assertEquals(2.0f, f.threshold(1));
        assertEquals(1.2f, f.fireLevel(1), 1e-6);
        assertTrue(f.attributes().contains("fire_ratio=0.6"));
        assertTrue(IfNeuron.fresh(Shape.of(2), 2.0f, ZERO).firesAtThreshold(), "fires at θ unless told otherwise");
        IfNeuron perChannel = IfNeuron.fresh(Shape.of(2), 2.0f, ZERO).withFireRatio(dev.snnc.ir.Tensor.of(new float[] {1f, 0.5f}, 2));
        assertEquals(2.0f, perChannel.fireLevel(0), 1e-6);
        assertEquals(1.0f, perChannel.fireLevel(1), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> perChannel.outputShape(java.util.List.of(Shape.of(3))),
                "two ratios for three channels");
    }

    @Test
    void onlyReasonableRatiosOfNeuronsThatResetToZeroAreAccepted() {
        IfNeuron stock = IfNeuron.fresh(Shape.of(2), 1f, ZERO);
        assertThrows(IllegalArgumentException.class, () -> stock.withFireRatio(0f));
        assertThrows(IllegalArgumentException.class, () -> stock.withFireRatio(1.5f));
        assertThrows(IllegalArgumentException.class, () -> stock.withFireRatio(Float.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IfNeuron.fresh(Shape.of(2), 1f, NeuronModel.REFERENCE).withFireRatio(0.5f));
        assertTrue(e.getMessage().contains("resets to zero"), e.getMessage());
    }
}
