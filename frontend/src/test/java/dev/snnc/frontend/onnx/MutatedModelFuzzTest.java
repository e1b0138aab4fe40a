package dev.snnc.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.snnc.frontend.ModelLoader;
import dev.snnc.ir.diag.SnncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Truncated, bit-flipped, byte-overwritten and random files: the importer either succeeds or
 * reports diagnostics; it never throws anything else and never hangs. A crash prints the seed and
 * mutation so it can be reproduced.
 */
class MutatedModelFuzzTest {
    private static final Path MODEL = Path.of("..", "testdata", "models", "residual.onnx");

    @Test
    void mutatedModelsGiveDiagnosticsNotCrashes() throws Exception {
        byte[] original = Files.readAllBytes(MODEL);
        Random random = new Random(20261127L);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 400; i++) {
                byte[] mutated = mutate(original, random, i % 4);
                try {
                    ModelLoader.runPasses(new OnnxImporter().importBytes(mutated, "fuzz"));
                } catch (SnncException expected) {
                    // a diagnostic is the right outcome for most mutations
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    throw new AssertionError("mutation " + i + " (kind " + i % 4 + ") crashed the importer", e);
                }
            }
        });
    }

    private static byte[] mutate(byte[] in, Random r, int kind) {
        switch (kind) {
            case 0 -> {
                return Arrays.copyOf(in, r.nextInt(in.length));
            }
            case 1 -> {
                byte[] out = in.clone();
                for (int k = 0; k < 1 + r.nextInt(8); k++) {
                    int pos = r.nextInt(out.length);
                    out[pos] ^= (byte) (1 << r.nextInt(8));
                }
                return out;
            }
            case 2 -> {
                byte[] out = in.clone();
                int pos = r.nextInt(out.length);
                for (int k = pos; k < Math.min(out.length, pos + 1 + r.nextInt(64)); k++) {
                    out[k] = (byte) r.nextInt(256);
                }
                return out;
            }
            default -> {
                byte[] out = new byte[r.nextInt(4096)];
                r.nextBytes(out);
                return out;
            }
        }
    }
}
