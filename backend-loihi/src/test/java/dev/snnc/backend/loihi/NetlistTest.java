package dev.snnc.backend.loihi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.fx.legalize.LegalizationPass;
import dev.snnc.backend.loihi.netlist.NetlistReader;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SpikeRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden netlists of small networks (dense; conv with padding, stride and groups; residual with
 * pooling and an identity shortcut), and the round trip: emit, read, simulate gives the same spikes
 * as the network before legalization, step for step. Regenerate goldens with
 * {@code -Dsnnc.updateGolden=true} and review the diff.
 */
class NetlistTest {
    static Stream<String> nets() {
        return Stream.of("dense", "conv", "residual");
    }

    static FxNetwork net(String name) {
        Function<dev.snnc.ir.target.TargetSpec, FxNetwork> f = switch (name) {
            case "dense" -> SmallNets::dense;
            case "conv" -> SmallNets::conv;
            default -> SmallNets::residual;
        };
        return f.apply(SmallNets.SUBTRACTIVE);
    }

    static byte[] dump(FxNetwork n, ImageSet images) {
        return SpikeRecording.toBytes(new FxSimulator(n), images, List.of(0, 1, 2, 3), 4);
    }

    @ParameterizedTest
    @MethodSource("nets")
    void netlistMatchesItsGoldenFile(String name) throws IOException {
        byte[] netlist = LoihiCompiler.compile(net(name), TargetProfiles.LOIHI2.limits()).netlist();
        Path golden = Path.of("src", "test", "resources", "golden", name + ".netlist.json");
        if (Boolean.getBoolean("snnc.updateGolden")) {
            Files.write(golden, netlist);
        }
        assertEquals(Files.readString(golden), new String(netlist, java.nio.charset.StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("nets")
    void emittedNetlistReadsBackAndSpikesLikeTheOriginal(String name, @TempDir Path dir) throws IOException {
        FxNetwork original = net(name);
        LoihiCompiler.Result r = LoihiCompiler.compile(original, TargetProfiles.LOIHI2.limits());
        Path file = dir.resolve("netlist.json");
        Files.write(file, r.netlist());
        FxNetwork read = NetlistReader.read(file);
        assertEquals(r.legalized(), read);
        ImageSet images = SmallNets.images(4, original.inputShape(), 9);
        byte[] before = dump(original, images);
        assertArrayEquals(before, dump(read, images), "spikes, traces and readout of the read-back netlist");
        assertTrue(java.util.regex.Pattern.compile("\"spike_steps\" : \\[\\d").matcher(
                new String(before, java.nio.charset.StandardCharsets.UTF_8)).find(),
                "the networks spike at all");
    }

    @Test
    void loihi1ConvWeightExponentsSurviveTheNetlist(@TempDir Path dir) throws IOException {
        FxNetwork net = SmallNets.conv(TargetProfiles.LOIHI1);
        dev.snnc.ir.fx.FxPopulation b = net.population("b");
        dev.snnc.ir.fx.FxSynapses g = b.inputs().get(0);
        dev.snnc.ir.fx.FxSynapses shifted = new dev.snnc.ir.fx.FxSynapses(g.source(), g.sourceShape(), g.pool(), g.globalPool(),
                g.kind(), g.weights(), g.weightShape(), g.window(), g.groups(), 2);
        FxNetwork withExp = net.withPopulations(net.populations().stream().map(p -> p.name().equals("b")
                ? p.withInputs(java.util.List.of(shifted)) : p).toList());
        LoihiCompiler.Result r = LoihiCompiler.compile(withExp, TargetProfiles.LOIHI1.limits());
        Path file = dir.resolve("netlist.json");
        Files.write(file, r.netlist());
        assertEquals(2, NetlistReader.read(file).population("b").inputs().get(0).weightExp());
        assertEquals(r.legalized(), NetlistReader.read(file));
    }

    @Test
    void legalizationRemovesPoolingAndIdentityGroups() {
        FxNetwork legal = LegalizationPass.convAndDenseOnly(SmallNets.residual(SmallNets.SUBTRACTIVE));
        for (FxPopulation p : legal.populations()) {
            for (FxSynapses g : p.inputs()) {
                assertTrue(g.pool() == null && !g.globalPool() && g.kind() != FxSynapses.Kind.IDENTITY, g.toString());
            }
        }
        FxSynapses folded = legal.population("d").inputs().get(0);
        assertArrayEquals(new int[] {2, 4, 6, 6}, folded.weightShape(), "3x3 conv after a 2x2 pool: a 6x6 conv, stride 2");
        assertEquals(2, folded.window().strideH());
    }

    @Test
    void stockLifRefusesPerChannelThresholds() {
        FxNetwork n = SmallNets.conv(TargetProfiles.LOIHI2);
        FxPopulation a = n.populations().get(0);
        long[] th = a.threshold();
        th[1]++;
        FxNetwork bad = n.withPopulations(List.of(new FxPopulation(a.name(), a.shape(), a.inputs(), th, a.bias(), a.initialV()),
                n.populations().get(1)));
        SnncException e = assertThrows(SnncException.class, () -> LoihiCompiler.compile(bad, TargetProfiles.LOIHI2.limits()));
        assertTrue(e.getMessage().contains("one threshold per population"), e.getMessage());
    }

    @Test
    void convWeightsAreFlippedAndTransposedForLava() throws IOException {
        // [O=1, I=1, kH=2, kW=2] = [[1, 2], [3, 4]] -> Lava (O, kW, kH, I) with both axes flipped: [4, 2, 3, 1]
        FxNetwork n = SmallNets.conv(SmallNets.SUBTRACTIVE);
        FxSynapses g = new FxSynapses("a", n.population("a").shape(), null, false, FxSynapses.Kind.CONV, new int[] {1, 2, 3, 4, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0}, new int[] {4, 1, 2, 2}, new dev.snnc.ir.op.Window2d(2, 2, 2, 2, 1, 1,
            dev.snnc.ir.op.Padding.NONE, false), 4, 0);
        FxPopulation b = n.populations().get(1);
        FxNetwork custom = n.withPopulations(List.of(n.populations().get(0),
                new FxPopulation(b.name(), b.shape(), List.of(g), b.threshold(), b.bias(), b.initialV())));
        String json = new String(LoihiCompiler.compile(custom, TargetProfiles.LOIHI2.limits()).netlist(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"weights\" : [4,2,3,1,0"), json.substring(json.indexOf("\"Conv\"")));
    }
}
