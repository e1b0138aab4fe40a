package dev.snnc.backend.netx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.formats.ImagesJson;
import dev.snnc.formats.SpikeDumpComparison;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.InMemoryImages;
import dev.snnc.ir.backend.BackendDriver;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SpikeRecording;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The netx export loads in lava-dl's own {@code netx.hdf5.Network} and runs in real Lava
 * (fixed_pt CPU models, through {@code backend-netx/netx/snnc_netx.py} and the wrapper
 * {@code shared/tools/lava/python3-lava}); every spike of every block at every step, and the
 * readout, equal {@code snnc simulate} of the legalized network. The networks cover what netx
 * builds: dense after dense, conv with and without padding and stride, depthwise and grouped conv,
 * dilation, pooling folded into a conv, per-neuron biases, flatten into dense, a global-pooled
 * readout. Without the wrapper (a checkout without shared/), each case prints one line saying so.
 */
class NetxEquivalenceTest {
    static final String PACKAGES = "apt-get install python3-numpy python3-scipy python3-networkx python3-asteval "
            + "python3-sklearn python3-h5py python3-torch python3-torchvision python3-matplotlib";

    static Stream<Arguments> networks() {
        return Stream.of(Arguments.of("dense chain", ChainNets.dense()),
                Arguments.of("conv: depthwise, folded pool, dilated grouped stride 2, flatten, dense", ChainNets.conv()),
                Arguments.of("conv, global-pooled readout", ChainNets.globalPoolReadout()));
    }

    static Path wrapper() {
        String configured = System.getProperty("snnc.lava", System.getenv("SNNC_PYTHON3_LAVA"));
        return configured != null ? Path.of(configured)
                : Path.of("..", "..", "shared", "tools", "lava", "python3-lava").toAbsolutePath().normalize();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void netxSpikesEqualTheSimulator(String name, FxNetwork net, @TempDir Path dir) throws Exception {
        Path lava = wrapper();
        if (!Files.isExecutable(lava)) {
            System.out.println("NetxEquivalenceTest: not run, no Lava wrapper at " + lava + " (set -Dsnnc.lava=PATH)");
            return;
        }
        BackendDriver.Result compiled = BackendDriver.compile(new NetxBackend(), net, BackendOptions.none());
        for (Map.Entry<String, byte[]> f : compiled.emission().files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        ImageSet images = InMemoryImages.random(3, net.inputShape(), 10, 11);
        Path imagesJson = dir.resolve("images.json");
        ImagesJson.write(images, imagesJson);
        Path out = dir.resolve("netx.json");
        runNetx(lava, dir, imagesJson, out);

        ObjectMapper json = new ObjectMapper();
        JsonNode fromLava = json.readTree(out.toFile());
        JsonNode fromSimulator = json.readTree(SpikeRecording.toBytes(new FxSimulator(compiled.legal()), images,
                List.of(0, 1, 2), 0));
        SpikeDumpComparison.Result same = SpikeDumpComparison.compare(fromSimulator, fromLava);
        assertEquals(Optional.empty(), same.firstDifference(), name);
        long spikes = same.spikes();
        assertTrue(spikes > 0, name + ": the network spikes at all");
    }

    private static void runNetx(Path lava, Path dir, Path images, Path out) throws Exception {
        Path log = dir.resolve("netx.log");
        List<String> cmd = new ArrayList<>(List.of(lava.toString(), Path.of("netx", "snnc_netx.py").toAbsolutePath().toString(),
                dir.resolve(NetxBackend.NETWORK_FILE).toString(), dir.resolve(NetxBackend.HOST_INPUT_FILE).toString(),
                "--images", images.toString(), "--out", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("Lava did not finish in 10 minutes: " + Files.readString(log));
        }
        String text = Files.readString(log);
        if (text.contains("ModuleNotFoundError") || text.contains("No module named")) {
            fail("Lava cannot run: a Python package is missing (" + PACKAGES + "):\n" + text);
        }
        assertEquals(0, p.exitValue(), "netx loader failed:\n" + text);
    }
}
