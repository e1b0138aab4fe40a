package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.snnc.calibration.convert.AnnToSnn;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.ir.Graph;
import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.quantize.Quantizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code .snn} reader on seeded structured mutations and byte flips of a real file: every case
 * is a calibrated network that {@code simulate} can turn into its ideal fixed-point network, or an
 * SNNC-E diagnostic, never another exception, within a time bound. A failure names its seed.
 */
class SnnFileFuzzTest {
    static final int CASES = 1200;

    @Test
    void snnFilesGiveANetworkOrADiagnostic(@TempDir Path dir) throws Exception {
        Graph ann = ModelLoader.load(Path.of(CompileCliTest.MODEL));
        Graph snn = AnnToSnn.convert(ann, NeuronModel.REFERENCE);
        byte[] original = SnnFile.toBytes(new CalibratedSnn(snn, 8, InputEncoding.ANALOG, Map.of("test", "fuzz")));
        Path file = dir.resolve("m.snn");
        int read = 0;
        for (long seed = -1; seed < CASES; seed++) {
            Files.write(file, seed < 0 ? original : JsonMutator.mutate(original, new Random(seed)));
            long t0 = System.nanoTime();
            try {
                CalibratedSnn s = SnnFile.read(file);
                FxNetwork fx = Quantizer.ideal(s.graph(), s.timesteps(), Preprocessing.UNIT_SCALE, false,
                        Quantizer.IDEAL_SCALE_BITS, s.provenance());
                fx.verified();
                read++;
            } catch (SnncException e) {
                assertTrue(seed >= 0, "the unmutated file reads: " + e.getMessage());
                assertTrue(e.getMessage().startsWith("error SNNC-E"), "seed " + seed + ": " + e.getMessage());
            } catch (Throwable e) {
                fail("seed " + seed + " ended in " + e + " (exit 3)", e);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 10, "seed " + seed + " took " + seconds + " s");
        }
        System.out.printf("snn fuzz: %d cases, %d read and mapped, %d refused%n", CASES, read - 1, CASES - read + 1);
    }
}
