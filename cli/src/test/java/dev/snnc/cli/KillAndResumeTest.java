package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.formats.FxFile;
import dev.snnc.formats.SnnFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at several points of {@code compile} leaves no partial artifact (every file under
 * its final name is complete), and {@code --resume} then finishes with artifacts byte-identical to
 * an uninterrupted run.
 */
class KillAndResumeTest {
    static final List<String> ARTIFACTS = List.of("model.snn", "model.fx", "netlist.json");

    @Test
    void killedCompilesLeaveCompleteFilesAndResumeGivesTheSameBytes(@TempDir Path dir) throws Exception {
        Path reference = dir.resolve("reference");
        long t0 = System.nanoTime();
        assertEquals(0, run(reference, false, 0), "reference run");
        double seconds = (System.nanoTime() - t0) / 1e9;
        Path killed = dir.resolve("killed");
        for (double fraction : new double[] {0.35, 0.6, 0.8, 0.95}) {
            int code = run(killed, true, (long) (fraction * seconds * 1000));
            assertTrue(code != 0 || Files.exists(killed.resolve("report.json")), "killed or finished");
            List<String> present = new ArrayList<>();
            for (String f : ARTIFACTS) {
                Path p = killed.resolve(f);
                if (Files.exists(p)) {
                    complete(p);
                    present.add(f);
                }
            }
            System.out.printf("kill -9 at %.1f of %.1f s (exit %d): complete %s%n", fraction * seconds, seconds, code, present);
        }
        assertEquals(0, run(killed, true, 0), "resumed run");
        for (String f : ARTIFACTS) {
            assertArrayEquals(Files.readAllBytes(reference.resolve(f)), Files.readAllBytes(killed.resolve(f)),
                    f + " after kills and --resume");
        }
        try (var s = Files.list(killed)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".partial")).toList(),
                    "no temporary files left after the resumed run");
        }
    }

    /** A file under its final name parses completely. */
    private static void complete(Path p) {
        String name = p.getFileName().toString();
        if (name.equals("model.snn")) {
            SnnFile.read(p);
        } else if (name.equals("model.fx")) {
            FxFile.read(p);
        } else {
            dev.snnc.backend.loihi.netlist.NetlistReader.read(p);
        }
    }

    /** Runs compile in a fresh JVM; kills it with SIGKILL after {@code killAfterMillis} (0: let it finish). */
    private static int run(Path out, boolean resume, long killAfterMillis) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-Xss4m", "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), "dev.snnc.cli.Main", "compile", CompileCliTest.MODEL, "--T", "8",
                "--calib-images", "256", "--recal-images", "32", "--iterations", "1", "--eval-images", "300", "--data",
                CliTest.SUBSET, "-q", "-o", out.toString()));
        if (resume) {
            cmd.add("--resume");
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (killAfterMillis > 0 && !p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL on Linux
            p.waitFor();
            return -9;
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("compile did not finish");
        }
        return p.exitValue();
    }
}
