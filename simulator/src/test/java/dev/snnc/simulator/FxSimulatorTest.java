package dev.snnc.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hand-computed two-population chain: a constant current drives A, A's spikes drive B through
 * one dense synapse, B drives the readout. Checks spike counts, the one-step delay per synaptic
 * layer on Loihi, strict versus non-strict thresholds and the reset rules.
 */
class FxSimulatorTest {
    /** A one-image data set; the image does not matter (the drive is a bias). */
    static final ImageSet ONE_IMAGE = OneImage.BLANK;

    /** The ideal profile with Loihi's strict '>' comparison. */
    static final TargetSpec STRICT_IDEAL = new TargetSpec("strict", new TargetSpec.Arithmetic(32, 0, 0, false, 0, 64, 63, 62, 0,
            62, 0, true, TargetSpec.Reset.SUBTRACT, 0, 0, true, true), TargetProfiles.IDEAL.limits(),
            TargetProfiles.IDEAL.energy(), "test");

    static FxNetwork chain(TargetSpec target, long thetaA, long biasA, int weightAB, long thetaB, int timesteps) {
        FxPopulation a = new FxPopulation("a", Shape.of(1), List.of(), new long[] {thetaA}, new long[] {biasA}, new long[1]);
        FxSynapses ab = new FxSynapses("a", Shape.of(1), null, false, FxSynapses.Kind.DENSE, new int[] {weightAB},
                new int[] {1, 1}, null, 1, 0);
        FxPopulation b = new FxPopulation("b", Shape.of(1), List.of(ab), new long[] {thetaB}, new long[1], new long[1]);
        FxSynapses readout = new FxSynapses("b", Shape.of(1), null, false, FxSynapses.Kind.DENSE, new int[] {1},
                new int[] {1, 1}, null, 1, 0);
        return new FxNetwork("chain", Shape.of(1), List.of(), List.of(a, b),
                new FxNetwork.FxReadout(Shape.of(1), List.of(readout), new long[1]), target, timesteps, Map.of());
    }

    @Test
    void idealProfileIntegratesAndSubtracts() {
        // A: +3 per step, θ = 4, '>=': spikes at steps 2, 3, 4, 6, 7, 8 of 8 (v: 3, 6→2, 5→1, 4→0, 3, 6→2, 5→1, 4→0)
        // B: +1 per A spike, same step (no delay), θ = 2: spikes on A's 2nd, 4th, 6th spike
        FxSimulator sim = new FxSimulator(chain(TargetProfiles.IDEAL, 4, 3, 1, 2, 8));
        SimulationResult r = sim.run(ONE_IMAGE, i -> { });
        assertEquals(8, r.stepsRun());
        assertEquals(6L, r.spikes().get("a"));
        assertEquals(3L, r.spikes().get("b"));
        assertEquals(16, r.neuronUpdates(), "8 steps x 2 neurons");
    }

    @Test
    void loihiDelaysEachSynapticLayerByOneStepAndResetsToZero() {
        // Loihi: u = a_in << 6 each step; A's drive is a bias of 3·64 per step; vth = 4 -> 256, strict '>'.
        // v: 192, 384 > 256 fire -> 0, 192, 384 fire, ... A fires every 2nd step: steps 2, 4, 6, 8, 10.
        // B: weight 5 -> u = 5·64 = 320 > 256 fires one step after each A spike: steps 3, 5, 7, 9, 11
        // (the network has 2 synaptic layers to the readout, so T = 8 runs 8 + 2 = 10 steps).
        FxSimulator sim = new FxSimulator(chain(TargetProfiles.LOIHI2, 4, 3 * 64, 5, 4, 8));
        SimulationResult r = sim.run(ONE_IMAGE, i -> { });
        assertEquals(10, r.stepsRun());
        assertEquals(5L, r.spikes().get("a"));
        assertEquals(4L, r.spikes().get("b"), "A's spike at step 10 reaches B only at step 11, after the run");
    }

    @Test
    void strictThresholdNeedsMoreThanEquality() {
        // A: +2 per step, θ = 4: '>=' fires every 2nd step (4 >= 4); '>' needs 6 > 4: every 3rd step
        assertEquals(6L, new FxSimulator(chain(TargetProfiles.IDEAL, 4, 2, 0, 1, 12)).run(ONE_IMAGE, i -> { }).spikes().get("a"));
        // '>' with subtraction: v 2, 4, 6→2, 4, 6→2 ... fires at steps 3, 5, 7, 9, 11
        assertEquals(5L, new FxSimulator(chain(STRICT_IDEAL, 4, 2, 0, 1, 12)).run(ONE_IMAGE, i -> { }).spikes().get("a"));
    }

    /** One channel of {@code size} identical neurons (bias 2, θ = 4, no inputs) read out by one dense sum. */
    static FxNetwork identicalNeurons(TargetSpec target, int size) {
        long[] bias = new long[size];
        java.util.Arrays.fill(bias, 2);
        FxPopulation a = new FxPopulation("a", Shape.of(1, 1, size), List.of(), new long[] {4}, bias, new long[size]);
        int[] ones = new int[size];
        java.util.Arrays.fill(ones, 1);
        FxSynapses readout = new FxSynapses("a", Shape.of(1, 1, size), null, false, FxSynapses.Kind.DENSE, ones,
                new int[] {1, size}, null, 1, 0);
        return new FxNetwork("same", Shape.of(1), List.of(), List.of(a),
                new FxNetwork.FxReadout(Shape.of(1), List.of(readout), new long[1]), target, 8, Map.of());
    }

    @Test
    void everyLaneOfAVectorAndTheScalarTailCompareAlike() {
        // 19 neurons: whole vectors plus a scalar tail on any vector width. v: 2, 4, 6, ...
        // '>=' fires on equality at steps 2, 4, 6, 8; '>' at 3, 5, 7 (v 6 -> 2, then 4, 6 -> 2 ...)
        assertEquals(4L * 19, new FxSimulator(identicalNeurons(TargetProfiles.IDEAL, 19)).run(ONE_IMAGE, i -> { }).spikes().get("a"));
        assertEquals(3L * 19, new FxSimulator(identicalNeurons(STRICT_IDEAL, 19)).run(ONE_IMAGE, i -> { }).spikes().get("a"));
    }

    @Test
    void dumpListsEverySpikeWithItsStepAndTracesV() throws Exception {
        // the ideal chain of idealProfileIntegratesAndSubtracts: A fires at steps 1, 2, 3, 5, 6, 7 (0-based)
        FxSimulator sim = new FxSimulator(chain(TargetProfiles.IDEAL, 4, 3, 1, 2, 8));
        byte[] json = SpikeRecording.toBytes(sim, ONE_IMAGE, List.of(0), 1);
        com.fasterxml.jackson.databind.JsonNode a = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)
                .get("images").get(0).get("layers").get(0);
        assertEquals("a", a.get("name").asText());
        assertEquals("[1,2,3,5,6,7]", a.get("spike_steps").toString());
        assertEquals("[0,0,0,0,0,0]", a.get("spike_neurons").toString());
        assertEquals("[[3],[2],[1],[0],[3],[2],[1],[0]]", a.get("v").toString(), "v after each step's reset");
    }
}
