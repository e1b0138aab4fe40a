package dev.snnc.quantize;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.AvgPool2d;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.FxSimulator;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ThresholdGroupsTest {
    static final int T = 32;

    /** {@link TestNets#residualNet} with n0's channel 2 firing at a twentieth of the others' threshold. */
    static Graph outlierResidual() {
        Graph g = TestNets.residualNet(5);
        IfNeuron n0 = (IfNeuron) g.node("n0").orElseThrow().op();
        return g.withOp("n0", n0.withThreshold(Tensor.of(new float[] {1f, 1.1f, 0.05f, 0.9f}, 4)));
    }

    /**
     * conv 3x3 (1→8) → IF → grouped conv 3x3 (4 groups of 2 channels) → IF → 2x2 average pool →
     * flatten → linear 10: the phase-copies shape, read by a dense layer over pooled planes.
     * n0's thresholds spread over two orders of magnitude.
     */
    static Graph pairedGroups() {
        Random r = new Random(7);
        GraphBuilder b = Graph.builder("paired", "x", Shape.of(1, 8, 8));
        b.preprocessing(Preprocessing.UNIT_SCALE);
        String c0 = b.add("c0", new Conv2d(TestNets.random(r, 0.5, 8, 1, 3, 3), TestNets.random(r, 0.1, 8),
                Window2d.of(3, 1, 1), 1), new Origin("c0", "Conv"), "x");
        float[] theta = {1f, 1.2f, 0.02f, 0.03f, 0.9f, 0.2f, 0.25f, 1.1f};
        String n0 = b.add("n0", TestNets.neuron(Shape.of(8, 8, 8), 1f).withThreshold(Tensor.of(theta, 8)),
                Origin.SYNTHETIC, c0);
        String gc = b.add("gc", new Conv2d(TestNets.random(r, 0.3, 8, 2, 3, 3), TestNets.random(r, 0.05, 8),
                Window2d.of(3, 1, 1), 4), new Origin("gc", "Conv"), n0);
        String n1 = b.add("n1", TestNets.neuron(Shape.of(8, 8, 8), 0.8f), Origin.SYNTHETIC, gc);
        String pool = b.add("pool", new AvgPool2d(Window2d.of(2, 2, 0), true), Origin.SYNTHETIC, n1);
        String flat = b.add("flat", new Flatten(), Origin.SYNTHETIC, pool);
        b.add("fc", new Linear(TestNets.random(r, 0.3, 10, 8 * 4 * 4), TestNets.random(r, 0.1, 10)),
                new Origin("fc", "Gemm"), flat);
        return b.build();
    }

    @Test
    void aSplitNetworkComputesExactlyWhatTheWholeOneDoesInWideIntegers() {
        // the residual net also with rate-coded pixels, which reach the first population through synapses
        for (Map.Entry<Graph, Boolean> c : List.of(Map.entry(outlierResidual(), false), Map.entry(pairedGroups(), false),
                Map.entry(outlierResidual(), true))) {
            Graph g = c.getKey();
            boolean rate = c.getValue();
            RealNetwork whole = RealNetworkBuilder.build(g, T, Preprocessing.UNIT_SCALE, rate);
            ThresholdGroups.Split split = ThresholdGroups.split(whole, 3, rate);
            assertTrue(split.parts().size() >= 2, g.name() + ": the populations joined by grouped synapses split: "
                    + split.parts().keySet());
            // per-channel thresholds and one fixed scale: the parts' integer sums are the whole's, exactly
            FixedPointMapper ideal = new FixedPointMapper(Quantizer.idealFor(g), Math.scalb(1.0, Quantizer.IDEAL_SCALE_BITS));
            FxNetwork a = ideal.map(whole, T, Map.of()).network();
            FxNetwork b = ideal.map(split.network(), T, Map.of()).network();
            dev.snnc.ir.diag.Diagnostics diagnostics = new dev.snnc.ir.diag.Diagnostics();
            b.verify(diagnostics);
            assertEquals(List.of(), diagnostics.all(), "the split network verifies");
            ImageSet data = TestNets.images(12, g.inputShape(), 3);
            double[][] ra = new FxSimulator(a).channelRates(data, a.populations().size() - 1);
            double[][] rb = new FxSimulator(b).channelRates(data, b.populations().size() - 1);
            List<String> names = b.populations().stream().map(FxPopulation::name).toList();
            double total = 0;
            for (int p = 0; p < ra.length; p++) {
                String name = a.populations().get(p).name();
                List<ThresholdGroup> parts = split.parts().getOrDefault(name,
                        List.of(new ThresholdGroup(name, range(ra[p].length))));
                for (ThresholdGroup part : parts) {
                    int[] ch = part.channels();
                    double[] expected = new double[ch.length];
                    for (int j = 0; j < ch.length; j++) {
                        expected[j] = ra[p][ch[j]];
                        total += expected[j];
                    }
                    assertArrayEquals(expected, rb[names.indexOf(part.name())], part.name());
                }
            }
            assertTrue(total > 0, "the populations fire");
            assertArrayEquals(new FxSimulator(a).run(data, i -> { }).predictions(),
                    new FxSimulator(b).run(data, i -> { }).predictions(), g.name());
        }
    }

    @Test
    void groupedConvolutionsSplitOnlyBetweenWholeConvGroups() {
        ThresholdGroups.Split split = ThresholdGroups.split(
                RealNetworkBuilder.build(pairedGroups(), T, Preprocessing.UNIT_SCALE, false), 4, false);
        assertEquals(List.of("n0", "n1"), List.copyOf(split.parts().keySet()));
        for (List<ThresholdGroup> parts : split.parts().values()) {
            for (ThresholdGroup part : parts) {
                int[] ch = part.channels();
                for (int j = 0; j < ch.length; j += 2) {
                    assertEquals(ch[j] + 1, ch[j + 1], part.name() + " holds both channels of each conv group: "
                            + part.describeChannels());
                }
            }
        }
        List<int[]> n0 = split.parts().get("n0").stream().map(ThresholdGroup::channels).toList();
        List<int[]> n1 = split.parts().get("n1").stream().map(ThresholdGroup::channels).toList();
        for (int k = 0; k < n0.size(); k++) {
            assertArrayEquals(n0.get(k), n1.get(k), "populations joined by a grouped conv split at the same channels");
        }
        FxSynapses gc = split.network().populations().stream().filter(p -> p.name().equals("n1.g0")).findFirst()
                .map(p -> p.groups().get(0)).map(g -> g.quantize(new double[g.outputs()], 0, 127).synapses()).orElseThrow();
        assertEquals(n0.get(0).length / 2, gc.groups(), "a part keeps one conv group per channel pair");
    }

    @Test
    void stockLoihiThresholdPerGroupGivesEveryChannelMoreWeightLevels() {
        // n0's outlier channel (θ 0.05) caps the one integer threshold of n0: its other channels' largest weights
        // shrink to a few levels; as a threshold group of its own it leaves the others the full range
        Graph g = outlierResidual();
        ImageSet data = TestNets.images(4, Shape.of(1, 8, 8), 1);
        Quantizer.Result one = quantize(g, TargetProfiles.LOIHI2, data, QuantizerTest.ROUND_ONLY.withThresholdGroups(1));
        Quantizer.Result split = quantize(g, TargetProfiles.LOIHI2, data, QuantizerTest.ROUND_ONLY);
        assertEquals(Map.of(), one.thresholdGroups());
        assertTrue(split.thresholdGroups().containsKey("n0"), split.thresholdGroups().keySet().toString());
        int[] before = channelMaxima(one.network(), List.of("n1"));
        List<String> parts = split.thresholdGroups().get("n1").stream().map(ThresholdGroup::name).toList();
        int[] after = channelMaxima(split.network(), parts);
        int[] channelOrder = split.thresholdGroups().get("n1").stream().flatMapToInt(p -> Arrays.stream(p.channels()))
                .toArray();
        for (int j = 0; j < channelOrder.length; j++) {
            int c = channelOrder[j];
            assertTrue(after[j] >= before[c], "n1 channel " + c + ": " + before[c] + " -> " + after[j]);
        }
        assertTrue(Arrays.stream(before).min().orElseThrow() < 32 && Arrays.stream(after).min().orElseThrow() >= 64,
                "weights of n1 per channel, one threshold: " + Arrays.toString(before) + ", per group: " + Arrays.toString(after));
        for (FxPopulation p : split.network().populations()) {
            assertEquals(1, Arrays.stream(p.threshold()).distinct().count(), p.name() + " is a stock LIF with one vth");
        }
    }

    @Test
    void recalibrationRunsOnTheSplitNetworkAndTheSameInputsGiveTheSameFile() {
        Graph g = outlierResidual();
        ImageSet data = TestNets.images(8, Shape.of(1, 8, 8), 2);
        Quantizer.Options opt = new Quantizer.Options(4, 2, 0);
        List<Integer> progress = new java.util.ArrayList<>();
        Quantizer.Result a = Quantizer.quantize(g, T, Preprocessing.UNIT_SCALE, TargetProfiles.LOIHI2, data, opt, Map.of(),
                progress::add);
        Quantizer.Result b = quantize(g, TargetProfiles.LOIHI2, data, opt);
        assertTrue(a.network().populations().size() > 3, "n0, n1 and n2 split");
        assertEquals(a.network().populations().size(), progress.size(), "one report per recalibrated part");
        assertEquals(3, progress.get(progress.size() - 1), "progress counts the SNN's 3 populations");
        assertEquals(3, Quantizer.progressTotal(g), "the total the progress bar is started with");
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) >= progress.get(i - 1), "progress never goes back: " + progress);
        }
        assertEquals(a.network().populations().size(), a.layers().size() - 1, "one report per population, then the readout");
        assertTrue(a.layers().stream().limit(a.layers().size() - 1).allMatch(l -> !Double.isNaN(l.rateErrorAfter())),
                "every part was recalibrated");
        assertArrayEquals(dev.snnc.formats.FxFile.toBytes(a.network()), dev.snnc.formats.FxFile.toBytes(b.network()));
    }

    @Test
    void nothingSplitsWhereThresholdsArePerChannelOrTheTargetCannotTakeIt() {
        Graph g = outlierResidual();
        ImageSet data = TestNets.images(4, Shape.of(1, 8, 8), 1);
        TargetSpec chain = new TargetSpec("chain", TargetProfiles.LOIHI2.arithmetic(), TargetProfiles.LOIHI2.limits(),
                TargetProfiles.LOIHI2.energy(), "test", new TargetSpec.Choices(java.util.EnumSet.of(TargetSpec.Reset.ZERO),
                false, 8, true, false));
        for (TargetSpec t : List.of(chain, TargetProfiles.LOIHI2.withReset(TargetSpec.Reset.SUBTRACT), TargetProfiles.FPGA)) {
            Quantizer.Result r = quantize(g, t, data, QuantizerTest.ROUND_ONLY);
            assertEquals(Map.of(), r.thresholdGroups(), t.id());
            assertEquals(List.of("n0", "n1", "n2"), r.network().populations().stream().map(FxPopulation::name).toList());
        }
    }

    private static Quantizer.Result quantize(Graph g, TargetSpec t, ImageSet data, Quantizer.Options o) {
        return Quantizer.quantize(g, T, Preprocessing.UNIT_SCALE, t, data, o, Map.of(), i -> { });
    }

    /** Largest |weight| into each channel over every group feeding the named populations, in their order. */
    private static int[] channelMaxima(FxNetwork net, List<String> populations) {
        List<Integer> out = new java.util.ArrayList<>();
        for (String name : populations) {
            FxPopulation p = net.population(name);
            int[] max = new int[p.shape().dim(0)];
            for (FxSynapses s : p.inputs()) {
                int per = s.weightCount() / max.length;
                for (int i = 0; i < s.weightCount(); i++) {
                    max[i / per] = Math.max(max[i / per], Math.abs(s.weight(i)));
                }
            }
            Arrays.stream(max).forEach(out::add);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        Arrays.setAll(r, i -> i);
        return r;
    }
}
