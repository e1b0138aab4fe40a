package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same inputs and seed give byte-identical artifacts across JVM starts: two fresh JVMs compile
 * the residual test model with {@code advanced+weights} (the method whose step set once printed in
 * hash order) and their {@code model.snn}, {@code model.fx} and {@code netlist.json} are compared
 * byte for byte.
 */
class TwoJvmDeterminismTest {
    @Test
    void twoJvmsWriteTheSameBytes(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        Process pa = start(a);
        Process pb = start(b);
        assertEquals(0, finish(pa, dir.resolve("a.log")), () -> log(dir.resolve("a.log")));
        assertEquals(0, finish(pb, dir.resolve("b.log")), () -> log(dir.resolve("b.log")));
        for (String f : List.of("model.snn", "model.fx", "netlist.json")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f + " differs between JVMs");
        }
    }

    private static Process start(Path out) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(List.of("--add-modules", "jdk.incubator.vector", "-Xss4m", "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-cp", System.getProperty("java.class.path"), "dev.snnc.cli.Main",
                "compile", CompileCliTest.MODEL, "--method", "advanced+weights", "--T", "4", "--calib-images", "32",
                "--recal-images", "8", "--iterations", "1", "--eval-images", "10", "--data", CliTest.SUBSET, "-q", "-o",
                out.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.resolveSibling(out.getFileName() + ".log")
                .toFile()).start();
    }

    private static int finish(Process p, Path log) throws Exception {
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("compile did not finish in 10 minutes: " + log(log));
        }
        return p.exitValue();
    }

    private static String log(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
