package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.formats.FxFile;
import dev.snnc.ir.InMemoryImages;
import dev.snnc.ir.Shape;
import dev.snnc.ir.backend.ArtifactReader;
import dev.snnc.ir.backend.Backends;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.FxSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three artifact readers (.fx, Loihi netlist, FPGA parameter directory) on seeded mutations of
 * real files: every case must end in a network that passed verification (and then simulates) or
 * in an SNNC-E diagnostic (exit 2), never another exception (exit 3), within a time bound. A
 * failing case names its seed, so {@code case(seed)} reproduces it.
 */
class ArtifactFuzzTest {
    static final int CASES = 1200;
    static final long SECONDS_PER_CASE = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TargetSpec LOIHI = TargetProfiles.LOIHI2.withReset(TargetSpec.Reset.SUBTRACT);

    @TempDir
    Path tmp;

    @Test
    void fxFilesGiveANetworkOrADiagnostic() throws Exception {
        byte[] original = FxFile.toBytes(SmallFxNets.residual(LOIHI));
        Path file = tmp.resolve("m.fx");
        fuzz("fx", seed -> {
            write(file, seed < 0 ? original : JsonMutator.mutate(original, new Random(seed)));
            return FxFile.read(file);
        });
    }

    @Test
    void netlistsGiveANetworkOrADiagnostic() throws Exception {
        byte[] original = dev.snnc.backend.loihi.LoihiCompiler.compile(SmallFxNets.residual(LOIHI), LOIHI.limits()).netlist();
        ArtifactReader reader = reader("loihi");
        Path file = tmp.resolve("netlist.json");
        fuzz("netlist", seed -> {
            write(file, seed < 0 ? original : JsonMutator.mutate(original, new Random(seed)));
            return reader.read(file);
        });
    }

    @Test
    void fpgaDirectoriesGiveANetworkOrADiagnostic() throws Exception {
        Map<String, byte[]> original = new TreeMap<>(dev.snnc.backend.fpga.FpgaCompiler.compile(
                SmallFxNets.residual(TargetProfiles.FPGA), 2).files());
        ArtifactReader reader = reader("fpga");
        List<String> mutable = original.keySet().stream().filter(n -> n.endsWith(".mem") || n.equals("manifest.json")).toList();
        fuzz("fpga", seed -> {
            Random r = new Random(seed);
            Path dir = tmp.resolve("fpga-" + seed);
            Map<String, byte[]> files = new TreeMap<>(original);
            if (seed < 0) {
                return readDirectory(reader, dir, files);
            }
            String victim = mutable.get(r.nextInt(mutable.size()));
            files.put(victim, victim.endsWith(".json") ? JsonMutator.mutate(files.get(victim), r) : memMutation(files.get(victim), r));
            if (r.nextInt(10) != 0 && !victim.equals("manifest.json")) {
                files.put("manifest.json", rechecksummed(files)); // whoever edits a file can recompute its checksum
            }
            return readDirectory(reader, dir, files);
        });
    }

    private static FxNetwork readDirectory(ArtifactReader reader, Path dir, Map<String, byte[]> files) throws Exception {
        try {
            Files.createDirectories(dir);
            for (var e : files.entrySet()) {
                Files.write(dir.resolve(e.getKey()), e.getValue());
            }
            return reader.read(dir);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }

    /** Runs the cases; a network that was read must also simulate (a verified network is one the simulator runs). */
    private static void fuzz(String format, ThrowingCase readCase) {
        // seed -1 is the unmutated artifact
        int read = 0;
        int refused = 0;
        InMemoryImages image = new InMemoryImages("fuzz", Shape.of(1, 6, 6), new byte[][] {randomPixels()}, new int[] {0});
        for (long seed = -1; seed < CASES; seed++) {
            long t0 = System.nanoTime();
            try {
                FxNetwork net = readCase.run(seed);
                if (seed < 0) {
                    continue; // the unmutated artifact reads back (checked by the catch below)
                }
                FxNetwork shortRun = net.withTimesteps(Math.min(net.timesteps(), 16));
                if (shortRun.inputShape().equals(Shape.of(1, 6, 6))) {
                    new FxSimulator(shortRun).run(image, i -> { });
                }
                read++;
            } catch (SnncException e) {
                if (seed < 0) {
                    fail(format + ": the unmutated artifact does not read back: " + e.getMessage());
                }
                refused++;
                assertTrue(e.getMessage().startsWith("error SNNC-E"), format + " seed " + seed + ": " + e.getMessage());
            } catch (Throwable e) {
                fail(format + " seed " + seed + " ended in " + e + " (exit 3); reproduce with this seed", e);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < SECONDS_PER_CASE, format + " seed " + seed + " took " + seconds + " s");
        }
        System.out.printf("%s fuzz: %d cases, %d read and simulated, %d refused with SNNC-E%n", format, CASES, read, refused);
        assertTrue(refused > CASES / 4, format + ": mutations should mostly be refused, " + refused + " were");
    }

    private static byte[] randomPixels() {
        byte[] p = new byte[36];
        new Random(3).nextBytes(p);
        return p;
    }

    private static byte[] memMutation(byte[] mem, Random r) {
        String[] lines = new String(mem, StandardCharsets.US_ASCII).split("\n");
        StringBuilder s = new StringBuilder();
        int victim = r.nextInt(lines.length);
        for (int i = 0; i < lines.length; i++) {
            if (i != victim) {
                s.append(lines[i]).append('\n');
                continue;
            }
            switch (r.nextInt(5)) {
                case 0 -> { } // line removed
                case 1 -> s.append(lines[i]).append('\n').append(lines[i]).append('\n');
                case 2 -> s.append("zz\n");
                case 3 -> s.append(Long.toHexString(r.nextLong())).append('\n');
                default -> s.append("f".repeat(lines[i].length())).append('\n');
            }
        }
        return r.nextInt(8) == 0 ? JsonMutator.Bytes.flip(mem, r) : s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] rechecksummed(Map<String, byte[]> files) {
        try {
            ObjectNode manifest = (ObjectNode) JSON.readTree(files.get("manifest.json"));
            ObjectNode sums = (ObjectNode) manifest.get("files");
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            sums.fieldNames().forEachRemaining(n -> {
                if (files.containsKey(n)) {
                    sums.put(n, HexFormat.of().formatHex(md.digest(files.get(n))));
                }
            });
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArtifactReader reader(String backend) {
        return Backends.installed().byId(backend).flatMap(b -> b.reader()).orElseThrow();
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One case: read the mutated artifact of {@code seed}. */
    interface ThrowingCase {
        FxNetwork run(long seed) throws Exception;
    }
}
