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
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.formats.FxFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuantizerTest {
    static final NeuronModel NO_SHIFT = new NeuronModel(NeuronModel.Reset.SUBTRACT, NeuronModel.Comparison.GREATER_EQUAL, false);
    static final Quantizer.Options ROUND_ONLY = new Quantizer.Options(1, 0, 0);

    /** image → conv 1x1 (w 1) → n0 (θ 1) → conv 1x1 (w 0.25) → n1 (θ 0.5, bias 0.125) → GAP → linear. */
    static Graph chain() {
        GraphBuilder b = Graph.builder("chain", "x", Shape.of(1, 2, 2));
        b.preprocessing(Preprocessing.UNIT_SCALE);
        String c0 = b.add("c0", new Conv2d(Tensor.of(new float[] {1f}, 1, 1, 1, 1), Tensor.zeros(1), Window2d.of(1, 1, 0), 1),
                new Origin("c0", "Conv"), "x");
        String n0 = b.add("n0", IfNeuron.fresh(Shape.of(1, 2, 2), 1f, NO_SHIFT), Origin.SYNTHETIC, c0);
        String c1 = b.add("c1", new Conv2d(Tensor.of(new float[] {0.25f}, 1, 1, 1, 1), Tensor.zeros(1), Window2d.of(1, 1, 0), 1),
                new Origin("c1", "Conv"), n0);
        String n1 = b.add("n1", IfNeuron.fresh(Shape.of(1, 2, 2), 0.5f, NO_SHIFT).withBias(Tensor.of(new float[] {0.125f}, 1)),
                Origin.SYNTHETIC, c1);
        String gap = b.add("gap", new GlobalAvgPool(), Origin.SYNTHETIC, n1);
        String flat = b.add("flat", new Flatten(), Origin.SYNTHETIC, gap);
        b.add("fc", new Linear(Tensor.of(new float[] {1f, -1f}, 2, 1), Tensor.zeros(2)), new Origin("fc", "Gemm"), flat);
        return b.build();
    }

    static Quantizer.Result quantize(Graph g, TargetSpec target, ImageSet data, Quantizer.Options options) {
        return Quantizer.quantize(g, 32, g.preprocessing().orElseThrow(), target, data, options, Map.of("test", "yes"), i -> { });
    }

    @Test
    void representableValuesMapExactly() {
        // n1 on fpga (8-bit, exponents 0..15): cap = min(65535/0.5, 32767/(8·0.5)) = 8191.75; the exponent is the
        // largest with 127·2^e/0.25 <= cap: e = 4, S = 127·16/0.25 = 8128. Weight 0.25·8128/16 = 127,
        // threshold 0.5·8128 = 4064, bias 0.125·8128 = 1016: all exact.
        FxNetwork net = quantize(chain(), TargetProfiles.FPGA, TestNets.images(4, Shape.of(1, 2, 2), 1), ROUND_ONLY).network();
        FxPopulation n1 = net.population("n1");
        FxSynapses s = n1.inputs().get(0);
        assertEquals(4, s.weightExp());
        assertArrayEquals(new int[] {127}, s.weights());
        assertArrayEquals(new long[] {4064}, n1.threshold());
        assertArrayEquals(new long[] {1016, 1016, 1016, 1016}, n1.bias());
        // the first layer reads pixel bytes: weight 1/255 per byte in n0's voltage units
        FxPopulation n0 = net.population("n0");
        assertEquals(List.of(), n0.inputs());
        assertEquals("n0", net.inputs().get(0).population());
    }

    /** Writes the network to a .fx file and reads it back. */
    static FxNetwork roundTrip(FxNetwork net) {
        try {
            java.nio.file.Path tmp = java.nio.file.Files.createTempFile("snnc", ".fx");
            java.nio.file.Files.write(tmp, FxFile.toBytes(net));
            FxNetwork read = FxFile.read(tmp);
            java.nio.file.Files.delete(tmp);
            return read;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void rateCodedPixelsBecomeSynapsesAtTheTargetsWeightWidth() {
        // With rate-coded input a pixel spike carries intensity 1: n0's first-layer weight is 1/std = 1 per spike,
        // quantized like any synapse group: e = 5 (127·2^5/1 <= cap 4095.9), S = 4064, weight 127, threshold 4064.
        Quantizer.Options rate = new Quantizer.Options(1, 0, 0, true);
        FxNetwork net = quantize(chain(), TargetProfiles.FPGA, TestNets.images(4, Shape.of(1, 2, 2), 1), rate).network();
        assertEquals(dev.snnc.ir.fx.FxInputEncoding.rate(255), net.inputEncoding());
        FxSynapses in = net.inputs().get(0).synapses();
        assertEquals(5, in.weightExp());
        assertArrayEquals(new int[] {127}, in.weights());
        assertArrayEquals(new long[] {4064}, net.population("n0").threshold());
        assertEquals(net, roundTrip(net), "the encoding survives the .fx file");
    }

    @Test
    void residualGroupsShareEachChannelsScale() {
        // n2 sums a pointwise conv from n1 and an identity shortcut from n0: both integer groups must
        // express the same per-channel scale S_c, so their sum is aligned
        Graph g = TestNets.residualNet(3);
        FxNetwork net = quantize(g, TargetProfiles.FPGA, TestNets.images(4, Shape.of(1, 8, 8), 1), ROUND_ONLY).network();
        FxPopulation n2 = net.population("n2");
        FxSynapses pw = n2.inputs().get(0);
        FxSynapses id = n2.inputs().get(1);
        assertEquals(FxSynapses.Kind.CONV, pw.kind());
        assertEquals(FxSynapses.Kind.IDENTITY, id.kind());
        float[] realPw = ((Conv2d) g.node("pw").orElseThrow().op()).weight().toArray();
        float thetaN1 = 0.8f;
        float thetaN0 = 1.0f;
        for (int c = 0; c < 4; c++) {
            double sFromId = id.weights()[c] * Math.scalb(1.0, id.weightExp()) / thetaN0;
            int best = 0;
            for (int i = 0; i < 4; i++) {
                best = Math.abs(pw.weights()[c * 4 + i]) > Math.abs(pw.weights()[c * 4 + best]) ? i : best;
            }
            double sFromPw = pw.weights()[c * 4 + best] * Math.scalb(1.0, pw.weightExp()) / (realPw[c * 4 + best] * thetaN1);
            double tolerance = 0.5 / Math.abs(id.weights()[c]) + 0.5 / Math.abs(pw.weights()[c * 4 + best]);
            assertEquals(1.0, sFromId / sFromPw, tolerance, "channel " + c);
        }
    }

    @Test
    void biasBeyondTheTargetsRangeIsCounted() {
        Graph g = chain();
        GraphBuilder b = g.toBuilder();
        Graph big = b.build().withOp("n1", ((IfNeuron) g.node("n1").orElseThrow().op()).withBias(Tensor.of(new float[] {100f}, 1)));
        LayerQuantization n1 = quantize(big, TargetProfiles.FPGA, TestNets.images(4, Shape.of(1, 2, 2), 1), ROUND_ONLY)
                .layers().get(1);
        assertEquals("n1", n1.name());
        assertEquals(4, n1.saturatedBiases(), "bias 100 = 200 thresholds per step cannot fit 16 bits next to the threshold");
    }

    @Test
    void recalibrationLowersEveryLayersRateError() {
        Graph g = TestNets.residualNet(5);
        ImageSet data = TestNets.images(64, Shape.of(1, 8, 8), 2);
        List<LayerQuantization> layers = quantize(g, TargetProfiles.LOIHI2.withReset(TargetSpec.Reset.SUBTRACT).withWeightBits(4),
                data, new Quantizer.Options(64, 2, 0)).layers();
        double before = 0;
        double after = 0;
        for (LayerQuantization l : layers.subList(0, 3)) {
            assertTrue(l.rateErrorAfter() <= l.rateErrorBefore(), l.name() + ": " + l.rateErrorBefore() + " -> " + l.rateErrorAfter());
            before += l.rateErrorBefore();
            after += l.rateErrorAfter();
        }
        assertTrue(after < 0.5 * before, "total rate error " + before + " -> " + after);
    }

    @Test
    void sameSeedGivesTheSameFileAndTheFileRoundTrips() {
        Graph g = TestNets.residualNet(7);
        ImageSet data = TestNets.images(32, Shape.of(1, 8, 8), 3);
        Quantizer.Options opt = new Quantizer.Options(16, 1, 42);
        FxNetwork a = quantize(g, TargetProfiles.LOIHI2, data, opt).network();
        FxNetwork b = quantize(g, TargetProfiles.LOIHI2, data, opt).network();
        assertArrayEquals(FxFile.toBytes(a), FxFile.toBytes(b));
        FxNetwork read = roundTrip(a);
        assertEquals(a, read);
        assertArrayEquals(new FxSimulator(a).run(data, i -> { }).predictions(), new FxSimulator(read).run(data, i -> { }).predictions());
    }

    @Test
    void stockLoihiLifGetsOneThresholdPerPopulation() {
        // Lava's LIF has a scalar vth: with reset to zero every channel's integer threshold is the same;
        // snnc's subtractive model takes one per channel
        Graph g = TestNets.residualNet(11);
        ImageSet data = TestNets.images(4, Shape.of(1, 8, 8), 1);
        FxNetwork stock = quantize(g, TargetProfiles.LOIHI2, data, ROUND_ONLY).network();
        for (FxPopulation p : stock.populations()) {
            assertEquals(1, java.util.Arrays.stream(p.threshold()).distinct().count(), p.name() + " " + java.util.Arrays.toString(p.threshold()));
        }
        FxNetwork subtractive = quantize(g, TargetProfiles.LOIHI2.withReset(TargetSpec.Reset.SUBTRACT), data, ROUND_ONLY).network();
        assertTrue(java.util.Arrays.stream(subtractive.population("n1").threshold()).distinct().count() > 1);
    }

    @Test
    void delayTargetsStartDeeperPopulationsLowerByTheBiasTheyIntegrateBeforeInputArrives() {
        // Loihi: n1 is one synaptic layer deep, so it integrates its bias for one step before n0's first spikes arrive
        FxNetwork net = quantize(chain(), TargetProfiles.LOIHI2.withReset(TargetSpec.Reset.SUBTRACT),
                TestNets.images(4, Shape.of(1, 2, 2), 1), ROUND_ONLY).network();
        FxPopulation n1 = net.population("n1");
        assertTrue(n1.bias()[0] > 0);
        for (int k = 0; k < 4; k++) {
            assertEquals(-n1.bias()[k], n1.initialV()[k]);
        }
        assertArrayEquals(new long[4], net.population("n0").initialV(), "driven by the image from the first step");
        // without delay nothing moves
        assertArrayEquals(new long[4], quantize(chain(), TargetProfiles.FPGA, TestNets.images(4, Shape.of(1, 2, 2), 1),
                ROUND_ONLY).network().population("n1").initialV());
    }

    @Test
    void theIdealReferenceFollowsTheFloatSnnsResetRuleAndComparison() {
        assertEquals(TargetProfiles.IDEAL, Quantizer.idealFor(chain()));
        NeuronModel stock = new NeuronModel(NeuronModel.Reset.ZERO, NeuronModel.Comparison.GREATER, false);
        Graph g = chain();
        for (String n : new String[] {"n0", "n1"}) {
            IfNeuron f = (IfNeuron) g.node(n).orElseThrow().op();
            g = g.withOp(n, new IfNeuron(f.threshold(), f.bias(), f.initialPotential(), stock));
        }
        TargetSpec ideal = Quantizer.idealFor(g);
        assertEquals(TargetSpec.Reset.ZERO, ideal.arithmetic().reset());
        assertTrue(ideal.arithmetic().strictGreater());
        FxNetwork net = Quantizer.ideal(g, 8, Preprocessing.UNIT_SCALE, false, Quantizer.IDEAL_SCALE_BITS, Map.of());
        assertEquals(TargetSpec.Reset.ZERO, net.target().arithmetic().reset(), "simulate model.snn runs the calibrated neuron");
    }

    @Test
    void aFireRatioLowersTheIntegerThresholdNotTheWeightsThatCarryTheSpike() {
        NeuronModel stock = new NeuronModel(NeuronModel.Reset.ZERO, NeuronModel.Comparison.GREATER, true);
        Graph plain = chain();
        Graph early = chain();
        for (String n : new String[] {"n0", "n1"}) {
            IfNeuron f = (IfNeuron) plain.node(n).orElseThrow().op();
            plain = plain.withOp(n, new IfNeuron(f.threshold(), f.bias(), f.initialPotential(), stock));
            early = early.withOp(n, new IfNeuron(f.threshold(), f.bias(), f.initialPotential(), stock, 0.5f));
        }
        FxNetwork a = Quantizer.ideal(plain, 8, Preprocessing.UNIT_SCALE, false, Quantizer.IDEAL_SCALE_BITS, Map.of());
        FxNetwork b = Quantizer.ideal(early, 8, Preprocessing.UNIT_SCALE, false, Quantizer.IDEAL_SCALE_BITS, Map.of());
        for (String n : new String[] {"n0", "n1"}) {
            long th = a.population(n).threshold()[0];
            assertEquals((double) th / 2, b.population(n).threshold()[0], 1.0, n + ": fires at half the threshold");
            assertEquals(a.population(n).inputs(), b.population(n).inputs(), n + ": the same weights");
        }
    }

    @Test
    void startingPotentialsAreRefusedForATargetThatCannotSetThem() {
        TargetSpec noV0 = new TargetSpec("no-v0", TargetProfiles.LOIHI2.arithmetic(), TargetProfiles.LOIHI2.limits(),
                TargetProfiles.LOIHI2.energy(), "test", new TargetSpec.Choices(java.util.EnumSet.of(TargetSpec.Reset.ZERO),
                false, 8, false));
        Graph g = chain();
        IfNeuron f = (IfNeuron) g.node("n1").orElseThrow().op();
        float[] v0 = new float[f.initialPotential().size()];
        v0[2] = 0.25f;
        Graph withV0 = g.withOp("n1", f.withInitialPotential(dev.snnc.ir.Tensor.of(v0, f.initialPotential().shape())));
        dev.snnc.ir.diag.SnncException e = org.junit.jupiter.api.Assertions.assertThrows(dev.snnc.ir.diag.SnncException.class,
                () -> quantize(withV0, noV0, TestNets.images(4, Shape.of(1, 2, 2), 1), ROUND_ONLY));
        assertTrue(e.getMessage().contains("population n1 neuron 2 starts at potential 0.25"), e.getMessage());
        assertTrue(e.getMessage().contains("--method light"), e.getMessage());
        quantize(g, noV0, TestNets.images(4, Shape.of(1, 2, 2), 1), ROUND_ONLY); // zero potentials quantize
    }
}
