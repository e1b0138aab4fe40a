package dev.snnc.nir;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.snnc.formats.CalibratedSnn;
import dev.snnc.ir.diag.SnncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NIR reader on seeded byte flips and truncations of a real export: a network or an SNNC-E
 * diagnostic, never another exception, each case within a time bound (HDF5 parsing of damaged
 * files is where readers loop or allocate). A failure names its seed.
 */
class NirFuzzTest {
    static final int CASES = 1000;

    @Test
    void damagedFilesGiveANetworkOrADiagnostic(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.nir");
        NirWriter.write(NirRoundTripTest.calibratedLike("residual"), good);
        byte[] original = Files.readAllBytes(good);
        Path file = dir.resolve("m.nir");
        ExecutorService one = Executors.newSingleThreadExecutor();
        int refused = 0;
        try {
            for (long seed = 0; seed < CASES; seed++) {
                Random r = new Random(seed);
                byte[] b = original.clone();
                if (r.nextInt(5) == 0) {
                    b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
                } else {
                    for (int k = 0; k < 1 + r.nextInt(16); k++) {
                        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
                    }
                }
                Files.write(file, b);
                Future<CalibratedSnn> f = one.submit(() -> NirReader.read(file));
                try {
                    f.get(10, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof SnncException s) {
                        refused++;
                        assertTrue(s.getMessage().startsWith("error SNNC-E") && s.getMessage().contains("NIR file " + file),
                                "seed " + seed + ": " + s.getMessage());
                    } else {
                        fail("seed " + seed + " ended in " + e.getCause() + " (exit 3)", e.getCause());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    fail("seed " + seed + " did not finish in 10 s");
                }
            }
        } finally {
            one.shutdownNow();
        }
        System.out.printf("nir fuzz: %d cases, %d refused%n", CASES, refused);
    }
}
