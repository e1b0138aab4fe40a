package dev.snnc.ir.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetProfiles;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link FxNetwork#verify} reports every problem, naming the population, its ONNX node and the numbers. */
class FxVerifierTest {
    static final Origin RELU = new Origin("/features/relu_1", "Relu");

    static FxNetwork net(int[] convWeights, long threshold, int timesteps) {
        Shape img = Shape.of(1, 4, 4);
        Shape s = Shape.of(2, 4, 4);
        FxSynapses in = new FxSynapses(FxInput.SOURCE, img, null, false, FxSynapses.Kind.CONV, new int[18],
                new int[] {2, 1, 3, 3}, Window2d.of(3, 1, 1), 1, 0);
        FxPopulation a = new FxPopulation("a", s, List.of(), new long[] {50, 50}, new long[32], new long[32]);
        FxSynapses ab = new FxSynapses("a", s, null, false, FxSynapses.Kind.CONV, convWeights, new int[] {2, 2, 3, 3},
                Window2d.of(3, 1, 1), 1, 0);
        FxPopulation b = new FxPopulation("b", s, List.of(ab), new long[] {threshold, 50}, new long[32], new long[32], RELU);
        FxSynapses out = new FxSynapses("b", s, null, true, FxSynapses.Kind.DENSE, new int[4], new int[] {2, 2}, null, 1, 0);
        return new FxNetwork("t", img, List.of(new FxInput("a", in, new long[32])), List.of(a, b),
                new FxNetwork.FxReadout(Shape.of(2), List.of(out), new long[2]), TargetProfiles.FPGA, timesteps, Map.of());
    }

    static List<Diagnostic> verify(FxNetwork n) {
        Diagnostics d = new Diagnostics();
        n.verify(d);
        return d.all();
    }

    @Test
    void aWellFormedNetworkPasses() {
        assertEquals(List.of(), verify(net(new int[36], 50, 8)));
        assertEquals(0, net(new int[36], 50, 8).pipelineLatency());
    }

    @Test
    void weightCountAgainstShapeNamesThePopulationAndItsNode() {
        List<Diagnostic> d = verify(net(new int[35], 50, 8));
        assertEquals(1, d.size(), d.toString());
        String line = d.get(0).render();
        assertTrue(line.startsWith("error SNNC-E110 at Relu node '/features/relu_1'"), line);
        assertTrue(line.contains("35 weights for weight shape [2, 2, 3, 3]"), line);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        int[] w = new int[36];
        w[7] = 1000; // beyond 8-bit weights
        List<Diagnostic> d = verify(net(w, 0, 1_000_000));
        assertEquals(3, d.size(), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.render().contains("weight 7 is 1000, beyond the target's ±127")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.render().contains("threshold of channel 0 is 0, outside 1..65535")), d.toString());
        assertTrue(d.stream().anyMatch(x -> x.render().contains("1000000 timesteps; the limit is 100000")), d.toString());
    }

    @Test
    void latencyCountsSynapticLayersOnDelayedTargets() {
        FxNetwork n = net(new int[36], 50, 8);
        FxNetwork loihi = new FxNetwork(n.name(), n.inputShape(), n.inputs(), n.populations(), n.readout(),
                TargetProfiles.LOIHI2.withReset(dev.snnc.ir.target.TargetSpec.Reset.SUBTRACT), 8, Map.of());
        assertEquals(2, loihi.pipelineLatency()); // a (level 1) -> b (level 2) -> readout (level 3)
        assertEquals(10, loihi.steps());
    }
}
