package dev.snnc.backend.fpga;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.simulator.FxSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Co-simulation: the engine RTL under Icarus Verilog and Verilator, run on the emitted parameter
 * files with 20 images back to back, reports exactly the Java simulator's readout sums and
 * per-population spike totals for every image, and exactly the cycle model's count; with initial
 * values per neuron (the test nets) and per channel. Fails with the install command when a
 * simulator is missing.
 */
class CosimTest {
    @ParameterizedTest(name = "{0} with {1} PE on {2}")
    @CsvSource({"smallConv, 1, ICARUS", "smallConv, 4, ICARUS", "separable, 1, ICARUS", "separable, 3, ICARUS",
        "separable, 2, VERILATOR", "separableChannelInit, 3, ICARUS", "smallConv, 3, VERILATOR"})
    void rtlMatchesTheSimulatorExactly(String net, int pe, Cosim.Simulator simulator, @TempDir Path dir) throws IOException {
        String missing = Cosim.unavailable(simulator).orElse(null);
        org.junit.jupiter.api.Assertions.assertNull(missing, "co-simulation needs " + missing + ": apt-get install iverilog verilator");
        FxNetwork fx = switch (net) {
            case "smallConv" -> FpgaNets.smallConv();
            case "separable" -> FpgaNets.separable();
            default -> FpgaNets.channelUniform(FpgaNets.separable());
        };
        FpgaCompiler.Result r = FpgaCompiler.compile(fx, pe);
        for (Map.Entry<String, byte[]> f : r.files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        ImageSet images = FpgaNets.images(20, fx.inputShape(), 5);
        List<float[]> pixels = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            pixels.add(images.batch(i, 1, Preprocessing.RAW_BYTES));
        }
        int pops = fx.populations().size();
        List<Cosim.ImageResult> rtl = Cosim.run(simulator, r.files(), pixels, (int) fx.readout().shape().size(), pops);
        FxSimulator sim = new FxSimulator(fx);
        long totalSpikes = 0;
        for (int i = 0; i < pixels.size(); i++) {
            long[] spikes = new long[pops];
            long[] logits = sim.trace(pixels.get(i), (t, p, s, count, u, v) -> spikes[p] += count);
            assertArrayEquals(logits, rtl.get(i).logits(), "readout of image " + i);
            assertArrayEquals(spikes, rtl.get(i).spikes(), "spikes per population of image " + i);
            assertEquals(r.cyclesPerImage(), rtl.get(i).cycles(), "cycles of image " + i);
            totalSpikes += java.util.Arrays.stream(spikes).sum();
        }
        assertTrue(totalSpikes > 0, "the network spikes");
    }
}
