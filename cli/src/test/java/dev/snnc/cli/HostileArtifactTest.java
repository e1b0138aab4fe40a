package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reproductions against an FPGA parameter directory someone else edited: files named
 * outside the directory, a FIFO, a symlink, a descriptor asking for 2^31 groups, 10^9 timesteps,
 * and Verilog in the directory that would write a file when simulated. Each is exit 2 with the file
 * named, in bounded time; {@code cosim} never runs the directory's Verilog.
 */
class HostileArtifactTest {
    @TempDir
    static Path shared;
    static Path original;

    @BeforeAll
    static void compileOnce() {
        original = shared.resolve("fpga");
        CliRunner c = CompileCliTest.compile(original, "fpga");
        assertEquals(0, c.exitCode(), c.err());
    }

    static Path copy(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (var s = Files.list(original)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }

    /** Rewrites manifest.json through {@code edit}, recomputing every checksum as whoever edits the files can. */
    static void editManifest(Path dir, java.util.function.Consumer<ObjectNode> edit) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode m = (ObjectNode) json.readTree(dir.resolve("manifest.json").toFile());
        edit.accept(m);
        ObjectNode files = (ObjectNode) m.get("files");
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        files.fieldNames().forEachRemaining(n -> {
            Path f = dir.resolve(n);
            if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                try {
                    files.put(n, HexFormat.of().formatHex(md.digest(Files.readAllBytes(f))));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        });
        json.writeValue(dir.resolve("manifest.json").toFile(), m);
    }

    static CliRunner simulate(Path dir) {
        long t0 = System.nanoTime();
        CliRunner r = CliRunner.run("simulate", dir.toString(), "--data", CliTest.SUBSET, "--limit", "2", "-q");
        assertTrue((System.nanoTime() - t0) / 1e9 < 30, "bounded time");
        return r;
    }

    @Test
    void aManifestNamingAFileOutsideTheDirectoryIsRefused(@TempDir Path tmp) throws Exception {
        Path dir = copy(tmp.resolve("d"));
        editManifest(dir, m -> ((ObjectNode) m.get("files")).put("/dev/zero", "0"));
        CliRunner r = simulate(dir);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("names the file '/dev/zero'"), r.err());
    }

    @Test
    void aFifoOrASymlinkInTheDirectoryIsRefusedWithoutBlocking(@TempDir Path tmp) throws Exception {
        Path dir = copy(tmp.resolve("d"));
        Files.delete(dir.resolve("channel.mem"));
        Process mk = new ProcessBuilder("mkfifo", dir.resolve("channel.mem").toString()).start();
        assertTrue(mk.waitFor(10, TimeUnit.SECONDS) && mk.exitValue() == 0, "mkfifo");
        CliRunner r = simulate(dir);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("channel.mem is not a regular file"), r.err());

        Files.delete(dir.resolve("channel.mem"));
        Files.createSymbolicLink(dir.resolve("channel.mem"), original.resolve("channel.mem"));
        r = simulate(dir);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("channel.mem is a symbolic link"), r.err());
    }

    @Test
    void aDescriptorAskingForHugeCountsIsRefusedWithoutAllocating(@TempDir Path tmp) throws Exception {
        Path dir = copy(tmp.resolve("d"));
        String[] words = Files.readString(dir.resolve("desc.mem")).split("\n");
        // the first job's header word: 32-bit fields, field i in hex digits counted from the right
        words[0] = withField(withField(words[0], 5, "7fffffff"), 2, "7fffffff"); // group count, output channels
        Files.writeString(dir.resolve("desc.mem"), String.join("\n", words) + "\n");
        editManifest(dir, m -> { });
        CliRunner r = simulate(dir);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("SNNC-E110") && r.err().contains("desc.mem"), r.err());
    }

    private static String withField(String word, int field, String hex) {
        int end = word.length() - 8 * field;
        return word.substring(0, end - 8) + hex + word.substring(end);
    }

    @Test
    void aBillionTimestepsIsRefusedNamingTheLimit(@TempDir Path tmp) throws Exception {
        Path dir = copy(tmp.resolve("d"));
        editManifest(dir, m -> m.put("timesteps", 1_000_000_000));
        CliRunner r = simulate(dir);
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("1000000000 timesteps; the limit is 100000"), r.err());
    }

    @Test
    void cosimNeverRunsTheDirectorysVerilog(@TempDir Path tmp) throws Exception {
        Path dir = copy(tmp.resolve("d"));
        Path planted = tmp.resolve("planted.txt");
        Path tb = dir.resolve("tb_snn_engine.v");
        String text = Files.readString(tb);
        int at = text.lastIndexOf("endmodule");
        Files.writeString(tb, text.substring(0, at) + "initial begin : planted\n  integer f;\n  f = $fopen(\"" + planted
                + "\", \"w\");\n  $fclose(f);\nend\n" + text.substring(at), StandardCharsets.UTF_8);
        editManifest(dir, m -> { });
        CliRunner r = CliRunner.run("cosim", dir.toString(), "--data", CliTest.SUBSET, "--limit", "1", "--pe", "64", "-q");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("agree exactly"), r.out());
        assertFalse(Files.exists(planted), "the directory's testbench was simulated");
    }

    @Test
    void rtlNamedByTheUserWithASyntaxErrorIsBadInput(@TempDir Path tmp) throws Exception {
        Path broken = tmp.resolve("snn_engine.v");
        Files.writeString(broken, "module snn_engine(; endmodule\n");
        CliRunner r = CliRunner.run("cosim", original.toString(), "--data", CliTest.SUBSET, "--limit", "1", "--simulator",
                "icarus", "--rtl", broken.toString(), "-q");
        assertEquals(2, r.exitCode(), r.out() + r.err());
        assertTrue(r.err().contains("--rtl") && r.err().contains("icarus failed on it"), r.err());
    }
}
