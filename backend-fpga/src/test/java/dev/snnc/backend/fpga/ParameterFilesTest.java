package dev.snnc.backend.fpga;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.simulator.FxSimulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Golden parameter files of a small conv network (regenerate with {@code -Dsnnc.updateGolden=true}
 * and review the diff), hand-checked encodings, and the round trip: emit, read the directory back
 * from its memories, simulate: the same spikes step by step and the same readout.
 */
class ParameterFilesTest {
    static final List<String> TEXT = List.of("desc.mem", "weights.mem", "chanbase.mem", "thresh.mem", "bias.mem",
            "vinit.mem", "current.mem", "snn_params.vh", "manifest.json");

    @Test
    void filesMatchTheGoldenCopies() throws IOException {
        Map<String, byte[]> files = FpgaCompiler.compile(FpgaNets.smallConv(), 2).files();
        for (String name : TEXT) {
            Path golden = Path.of("src", "test", "resources", "golden", "small-conv", name);
            if (Boolean.getBoolean("snnc.updateGolden")) {
                Files.createDirectories(golden.getParent());
                Files.write(golden, files.get(name));
            }
            assertEquals(Files.readString(golden), new String(files.get(name), StandardCharsets.UTF_8), name);
        }
    }

    @Test
    void rateCodedInputIsRefusedNamingTheLayer() {
        FxNetwork analog = FpgaNets.smallConv();
        FxNetwork rate = new FxNetwork(analog.name(), analog.inputShape(), analog.inputs(), analog.populations(),
                analog.readout(), analog.target(), analog.timesteps(), analog.provenance(),
                dev.snnc.ir.fx.FxInputEncoding.rate(255));
        SnncException e = assertThrows(SnncException.class, () -> FpgaCompiler.compile(rate, 2));
        assertTrue(e.getMessage().contains("population a is driven by rate-coded pixel spikes (full scale 255)"),
                e.getMessage());
    }

    @Test
    void memoriesAreTwosComplementAtTheirWidth() {
        assertEquals("ff\n01\n80\n7f\n", new String(ParameterFiles.mem(new long[] {-1, 1, -128, 127}, 8), StandardCharsets.US_ASCII));
        assertEquals("ffffc0\n", new String(ParameterFiles.mem(new long[] {-64}, 24), StandardCharsets.US_ASCII));
        assertThrows(IllegalArgumentException.class, () -> ParameterFiles.mem(new long[] {256}, 8));
        assertThrows(IllegalArgumentException.class, () -> ParameterFiles.mem(new long[] {-129}, 8));
    }

    @Test
    void theEngineProgramDescribesEachGroupAsAConvolution() {
        EngineProgram p = FpgaCompiler.compile(FpgaNets.smallConv(), 1).program();
        EngineProgram.Group ab = p.stepJobs().get(1).groups().get(0);
        // b reads a [6,4,4] through a grouped 3x3 conv (groups 2): 3 input channels per group, 27 taps
        assertEquals(6, ab.cin());
        assertEquals(3, ab.cg());
        assertEquals(27, ab.taps());
        assertEquals(1, ab.padTop());
        // the readout's global pool folded into a dense over all 64 neurons of b
        EngineProgram.Group out = p.stepJobs().get(2).groups().get(0);
        assertEquals(64, out.cin());
        assertEquals(64, out.taps());
        // cycles: a has no groups: 1 + 16 positions x 6 channels x 1; b: 1 + 64 x (27 + 2 + 1); readout: 1 + 5 x (64 + 3)
        long step = (1 + 96) + (1 + 64 * 30) + (1 + 5 * 67);
        long input = 1 + 96 * (18 + 2 + 1);
        assertEquals(input + 6 * step, CycleModel.image(p, 1));
    }

    @Test
    void parameterDirectoryReadsBackAndSpikesLikeTheModel(@TempDir Path dir) throws IOException {
        for (FxNetwork fx : List.of(FpgaNets.smallConv(), FpgaNets.separable())) {
            Path out = dir.resolve(fx.name());
            Files.createDirectories(out);
            for (Map.Entry<String, byte[]> f : FpgaCompiler.compile(fx, 1).files().entrySet()) {
                Files.write(out.resolve(f.getKey()), f.getValue());
            }
            FxNetwork read = ParameterReader.read(out);
            ImageSet images = FpgaNets.images(5, fx.inputShape(), 8);
            for (int i = 0; i < images.size(); i++) {
                float[] px = images.batch(i, 1, Preprocessing.RAW_BYTES);
                List<String> a = new ArrayList<>();
                List<String> b = new ArrayList<>();
                long[] la = new FxSimulator(fx).trace(px, (t, p, s, n, u, v) -> a.add(t + ":" + p + ":" + spikes(s, n)));
                long[] lb = new FxSimulator(read).trace(px, (t, p, s, n, u, v) -> b.add(t + ":" + p + ":" + spikes(s, n)));
                assertEquals(a, b, fx.name() + " image " + i);
                assertArrayEquals(la, lb);
            }
        }
    }

    @Test
    void aCorruptedMemoryIsRefused(@TempDir Path dir) throws IOException {
        for (Map.Entry<String, byte[]> f : FpgaCompiler.compile(FpgaNets.smallConv(), 1).files().entrySet()) {
            Files.write(dir.resolve(f.getKey()), f.getValue());
        }
        Files.writeString(dir.resolve("weights.mem"), "00\n", java.nio.file.StandardOpenOption.APPEND);
        SnncException e = assertThrows(SnncException.class, () -> ParameterReader.read(dir));
        assertTrue(e.getMessage().contains("weights.mem does not match its checksum"), e.getMessage());
    }

    private static String spikes(int[] s, int n) {
        return java.util.Arrays.toString(java.util.Arrays.copyOf(s, n));
    }
}
