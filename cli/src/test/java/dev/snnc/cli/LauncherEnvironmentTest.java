package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The launcher's native-memory settings (ADR 0003, 0031) reach the JVM, and a user's own settings
 * win: the repository's {@code snnc} script runs from a copy whose {@code java} is a stub printing
 * the environment it was given (no JVM, no build: the copy has a jar and no sources).
 */
class LauncherEnvironmentTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                              | glibc.malloc.hugetlb=1",
        "glibc.malloc.arena_max=2        | glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1",
        "glibc.malloc.hugetlb=0          | glibc.malloc.hugetlb=0",
        "a=1:glibc.malloc.hugetlb=2:b=3  | a=1:glibc.malloc.hugetlb=2:b=3",
    })
    void hugePagesAreAskedForUnlessTheUserChose(String userSetting, String expected) throws Exception {
        assertEquals(expected, launch(Map.of("GLIBC_TUNABLES", userSetting)).get("GLIBC_TUNABLES"));
    }

    @ParameterizedTest
    @CsvSource({"MALLOC_MMAP_THRESHOLD_,33554432", "MALLOC_TRIM_THRESHOLD_,1073741824", "OMP_WAIT_POLICY,PASSIVE"})
    void mallocAndOpenMpDefaultsAreExported(String name, String value) throws Exception {
        assertEquals(value, launch(Map.of()).get(name));
        assertEquals("mine", launch(Map.of(name, "mine")).get(name));
    }

    /** The launcher copy: the script, an empty jar (nothing to build) and a {@code java} stub printing its environment. */
    @BeforeEach
    void copyTheLauncher() throws IOException {
        Files.copy(Path.of("..", "snnc"), dir.resolve("snnc"));
        Path jar = dir.resolve("cli/target/snnc.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[0]);
        Path java = Files.createDirectories(dir.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\nenv\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** Runs the launcher copy with {@code env} added; returns the stub java's environment. */
    private Map<String, String> launch(Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("bash", dir.resolve("snnc").toString(), "--version");
        pb.environment().keySet().removeIf(k -> k.startsWith("MALLOC_") || k.equals("GLIBC_TUNABLES")
                || k.equals("OMP_WAIT_POLICY"));
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Map<String, String> seen = new HashMap<>();
        for (String line : out.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                seen.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return seen;
    }
}
