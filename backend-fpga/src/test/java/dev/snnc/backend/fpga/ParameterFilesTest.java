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
    static final List<String> TEXT = List.of("desc.mem", "weights.mem", "channel.mem", "bias.mem",
            "neuron_init.mem", "snn_params.vh", "manifest.json");

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
        // b reads a [6,4,4] through a grouped 3x3 conv (groups 2), widened to one group: 6 channels, 54 taps
        assertEquals(6, ab.cin());
        assertEquals(6, ab.cg());
        assertEquals(54, ab.taps());
        assertEquals(1, ab.padTop());
        assertEquals(EngineProgram.Mode.BROADCAST, ab.mode());
        // the readout's global pool folded into a dense over b [4,4,4]: a 4x4 kernel over its 4 channels
        EngineProgram.Group out = p.stepJobs().get(2).groups().get(0);
        assertEquals(4, out.cin());
        assertEquals(64, out.taps());
        assertTrue(out.dense());
        // cycles: per job 3, per batch 2, per group taps + 3.
        // input (a, 18 taps): 3 + 96 x 23; a has no step groups: 3 + 96 x 2; b: 3 + 64 x 59; readout: 3 + 5 x 69
        long step = (3 + 96 * 2) + (3 + 64 * 59) + (3 + 5 * 69);
        long input = 3 + 96 * 23;
        assertEquals(input + 6 * step, CycleModel.image(p, 1));
        // at 4 lanes a's 6 channels take 2 batches per position
        assertEquals(3 + 2 * 16 * 2, CycleModel.job(p.stepJobs().get(0), 4));
    }

    @Test
    void initialValuesArePerChannelWhereUniformElsePerNeuron() {
        EngineLayout perNeuron = new EngineLayout(FpgaCompiler.compile(FpgaNets.separable(), 2).program(), 2);
        EngineLayout perChannel = new EngineLayout(FpgaCompiler.compile(FpgaNets.channelUniform(FpgaNets.separable()), 2)
                .program(), 2);
        assertTrue(perNeuron.bases.stream().anyMatch(EngineLayout.JobBases::perNeuronInit));
        assertTrue(perChannel.bases.stream().noneMatch(EngineLayout.JobBases::perNeuronInit));
        assertEquals(0, perChannel.initWords);
        // a, b, c: 4 channels of 6x6 at 2 lanes = 2 batches x 36 positions; d is flat (one neuron per channel), so per channel
        assertEquals(3 * 2 * 36, perNeuron.initWords);
    }

    @Test
    void depthwiseConvolutionsReadTheirOwnLane() {
        EngineProgram p = FpgaCompiler.compile(FpgaNets.separable(), 2).program();
        List<EngineProgram.Mode> modes = new ArrayList<>();
        p.stepJobs().forEach(j -> j.groups().forEach(g -> modes.add(g.mode())));
        assertTrue(modes.contains(EngineProgram.Mode.DEPTHWISE), modes.toString());
        assertTrue(modes.contains(EngineProgram.Mode.BROADCAST), modes.toString());
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
