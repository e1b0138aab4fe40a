package dev.snnc.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxInputEncoding;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.SpikeRecording;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** Rate-coded input: the pixel encoder's closed form, and hand-computed potentials with and without delay. */
class RateInputTest {
    @Property(tries = 300)
    void encoderFiresHalfRoundedMultiplesOfTheIntensity(@ForAll @IntRange(min = 1, max = 1000) int fullScale,
                                                        @ForAll @IntRange(min = 0, max = 1200) int pixel,
                                                        @ForAll @IntRange(min = 1, max = 130) int steps) {
        PixelRateEncoder enc = new PixelRateEncoder(new float[] {pixel}, fullScale);
        int[] out = new int[1];
        int fired = 0;
        for (int t = 0; t < steps; t++) {
            fired += enc.step(out);
        }
        double intensity = Math.min(pixel, fullScale) / (double) fullScale;
        assertEquals((long) Math.floor(0.5 + steps * intensity), fired);
    }

    /** Two pixels (bytes 3 and 4, full scale 4) into one neuron with weights 6 and 10; its threshold is never reached. */
    static FxNetwork twoPixels(TargetSpec target) {
        FxSynapses in = new FxSynapses(FxInput.SOURCE, Shape.of(2), null, false, FxSynapses.Kind.DENSE, new int[] {6, 10},
                new int[] {1, 2}, null, 1, 0);
        FxPopulation a = new FxPopulation("a", Shape.of(1), List.of(), new long[] {1 << 20}, new long[] {0}, new long[1]);
        FxSynapses out = new FxSynapses("a", Shape.of(1), null, false, FxSynapses.Kind.DENSE, new int[] {1},
                new int[] {1, 1}, null, 1, 0);
        return new FxNetwork("pixels", Shape.of(2), List.of(new FxInput("a", in, new long[] {2})), List.of(a),
                new FxNetwork.FxReadout(Shape.of(1), List.of(out), new long[1]), target, 8, Map.of(),
                FxInputEncoding.rate(4));
    }

    static final ImageSet BYTES_3_4 = new OneImage(Shape.of(2), new float[] {3, 4});

    @Test
    void idealProfileAddsEachStepsPixelSpikesAtOnce() throws Exception {
        // byte 3 of 4 fires at steps 1, 2, 4, 5, 6, 8 (counts floor(1/2 + 3t/4): 1, 2, 2, 3, 4, 5, 5, 6); byte 4 every step.
        // v after step t: 6·N3(t) + 10·t + 2·t (N3 = 1, 2, 2, 3, 4, 5, 5, 6) (the first layer's constant 2 per step)
        FxSimulator sim = new FxSimulator(twoPixels(TargetProfiles.IDEAL));
        assertEquals(8, sim.steps());
        assertEquals("[[18],[36],[48],[66],[84],[102],[114],[132]]", v(sim));
        assertEquals(14, sim.run(BYTES_3_4, i -> { }).synapticOps(), "6 + 8 pixel spikes, one synapse each");
    }

    @Test
    void loihiDeliversPixelSpikesOneStepLater() throws Exception {
        // Loihi: u = a_in << 6, delivered one step after the pixel fires; the constant 2 is a bias every step.
        // The pixels are a spike source one layer before 'a', so the run is T + 2 steps (pixels -> a -> readout).
        FxSimulator sim = new FxSimulator(twoPixels(TargetProfiles.LOIHI2));
        assertEquals(10, sim.steps());
        // v(t) = 64·(6·N3(t−1) + 10·(t−1)) + 2·t, t = 1..10 with N3 = 0, 1, 2, 2, 3, 4, 5, 5, 6, 7
        assertEquals("[[2],[1028],[2054],[2696],[3722],[4748],[5774],[6416],[7442],[8468]]", v(sim));
    }

    private static String v(FxSimulator sim) throws Exception {
        JsonNode a = new ObjectMapper().readTree(SpikeRecording.toBytes(sim, BYTES_3_4, List.of(0), 1)).get("images").get(0)
                .get("layers").get(0);
        return a.get("v").toString();
    }
}
