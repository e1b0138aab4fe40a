package dev.snnc.backend.loihi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.backend.loihi.netlist.NetlistReader;
import dev.snnc.formats.ImagesJson;
import dev.snnc.formats.SpikeDumpComparison;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SpikeRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The netlist runs in real Lava (fixed_pt CPU models, through the project's loader
 * {@code backend-loihi/lava/snnc_lava.py} and the wrapper {@code shared/tools/lava/python3-lava})
 * and every spike of every population at every step, and the readout, equal {@code snnc simulate}
 * of the same netlist. The networks cover every construct a netlist holds: conv with and without
 * padding and stride, grouped conv, depthwise conv of 160 groups (more than Lava's 8-bit
 * {@code groups}), dense, pooling folded into a conv, a residual sum, the host-computed first
 * layer, both reset rules, loihi1 and loihi2, a population split over several cores, and populations
 * split into threshold groups (several stock LIF processes read as several synapse groups, readout included).
 * Where the wrapper does not exist (a checkout without shared/), each case prints one line saying
 * so; where it exists but cannot import Lava, the case fails with the packages to install.
 */
class LavaEquivalenceTest {
    static final String PACKAGES = "apt-get install python3-numpy python3-scipy python3-networkx python3-asteval "
            + "python3-sklearn python3-h5py python3-torch";

    static Stream<Arguments> networks() {
        TargetSpec.Limits small = new TargetSpec.Limits(40, 128, 0, 0, 1L << 20, 0);
        return Stream.of(
                Arguments.of("dense, subtractive, loihi2", SmallNets.dense(SmallNets.SUBTRACTIVE), TargetProfiles.LOIHI2.limits()),
                Arguments.of("grouped conv stride 2 pad 1, subtractive", SmallNets.conv(SmallNets.SUBTRACTIVE),
                        TargetProfiles.LOIHI2.limits()),
                Arguments.of("residual, depthwise, folded pool, subtractive", SmallNets.residual(SmallNets.SUBTRACTIVE),
                        TargetProfiles.LOIHI2.limits()),
                Arguments.of("residual, stock LIF (reset to zero)", SmallNets.residual(TargetProfiles.LOIHI2),
                        TargetProfiles.LOIHI2.limits()),
                Arguments.of("conv, stock LIF, loihi1", SmallNets.conv(TargetProfiles.LOIHI1), TargetProfiles.LOIHI1.limits()),
                Arguments.of("residual, stock LIF, loihi1", SmallNets.residual(TargetProfiles.LOIHI1), TargetProfiles.LOIHI1.limits()),
                Arguments.of("depthwise 160 groups, unpadded conv", depthwise(SmallNets.SUBTRACTIVE),
                        TargetProfiles.LOIHI2.limits()),
                Arguments.of("residual split over cores of 40 neurons", SmallNets.residual(SmallNets.SUBTRACTIVE), small),
                Arguments.of("threshold groups: populations as parts with their own stock LIF vth, multi-group readout",
                        SmallNets.thresholdGroups(TargetProfiles.LOIHI2), TargetProfiles.LOIHI2.limits()));
    }

    /** image [1,5,5] -> a [160,5,5] (3x3, pad 1) -> depthwise 3x3, no padding -> b [160,3,3] -> dense readout [3]. */
    static FxNetwork depthwise(TargetSpec target) {
        Random r = new Random(5);
        Shape img = Shape.of(1, 5, 5);
        Shape sa = Shape.of(160, 5, 5);
        Shape sb = Shape.of(160, 3, 3);
        FxSynapses in = new FxSynapses(FxInput.SOURCE, img, null, false, FxSynapses.Kind.CONV,
                SmallNets.weights(r, 160 * 9, 60), new int[] {160, 1, 3, 3}, Window2d.of(3, 1, 1), 1, 2);
        FxPopulation a = SmallNets.pop("a", sa, List.of(), 50, r);
        FxPopulation b = SmallNets.pop("b", sb, List.of(SmallNets.conv("a", sa, r, 160, 160, 3, Window2d.of(3, 1, 0), 160)),
                60, r);
        FxSynapses out = new FxSynapses("b", sb, null, false, FxSynapses.Kind.DENSE, SmallNets.weights(r, 3 * 1440, 127),
                new int[] {3, 1440}, null, 1, 0);
        return new FxNetwork("depthwise160", img, List.of(new FxInput("a", in, SmallNets.fill(4000, 500))), List.of(a, b),
                new FxNetwork.FxReadout(Shape.of(3), List.of(out), new long[] {5, -5, 0}), target, 8, Map.of("test", "dw"));
    }

    static Path wrapper() {
        String configured = System.getProperty("snnc.lava", System.getenv("SNNC_PYTHON3_LAVA"));
        return configured != null ? Path.of(configured)
                : Path.of("..", "..", "shared", "tools", "lava", "python3-lava").toAbsolutePath().normalize();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void lavaSpikesEqualTheSimulator(String name, FxNetwork net, TargetSpec.Limits limits, @TempDir Path dir) throws Exception {
        Path lava = wrapper();
        if (!Files.isExecutable(lava)) {
            System.out.println("LavaEquivalenceTest: not run, no Lava wrapper at " + lava + " (set -Dsnnc.lava=PATH)");
            return;
        }
        LoihiCompiler.Result compiled = LoihiCompiler.compile(net, limits);
        assertTrue(compiled.cores().cores().size() >= net.populations().size());
        Path netlist = dir.resolve("netlist.json");
        Files.write(netlist, compiled.netlist());
        ImageSet images = SmallNets.images(3, net.inputShape(), 11);
        Path imagesJson = dir.resolve("images.json");
        ImagesJson.write(images, imagesJson);
        Path out = dir.resolve("lava.json");
        runLava(lava, netlist, imagesJson, out, dir.resolve("lava.log"));

        ObjectMapper json = new ObjectMapper();
        JsonNode fromLava = json.readTree(out.toFile());
        JsonNode fromSimulator = json.readTree(SpikeRecording.toBytes(new FxSimulator(NetlistReader.read(netlist)), images,
                List.of(0, 1, 2), 0));
        SpikeDumpComparison.Result same = SpikeDumpComparison.compare(fromSimulator, fromLava);
        assertEquals(Optional.empty(), same.firstDifference(), name);
        long spikes = same.spikes();
        assertTrue(spikes > 0, name + ": the network spikes at all");
    }

    private static void runLava(Path lava, Path netlist, Path images, Path out, Path log) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(lava.toString(), Path.of("lava", "snnc_lava.py").toAbsolutePath().toString(),
                netlist.toString(), "--images", images.toString(), "--out", out.toString(), "--trace-neurons", "0"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("Lava did not finish in 10 minutes: " + Files.readString(log));
        }
        String text = Files.readString(log);
        if (text.contains("ModuleNotFoundError") || text.contains("No module named")) {
            fail("Lava cannot run: a Python package is missing (" + PACKAGES + "):\n" + text);
        }
        assertEquals(0, p.exitValue(), "Lava loader failed:\n" + text);
    }
}
