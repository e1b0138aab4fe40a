package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ./snnc} line of the README's runnable block and every example of every command's
 * {@code --help} runs on the bundled model and data and exits 0. Paths under models/ and data/ are
 * the repository's; every other path lands in a temporary directory; small image counts are
 * appended per command (later options win), so the documentation cannot drift from the tool.
 */
class DocumentedCommandsTest {
    static final List<String> HELP_ORDER = List.of("calibrate", "quantize", "compile", "simulate", "cosim", "export", "eval",
            "inspect", "bench");
    /** Appended to each command so that it runs in seconds. */
    static final Map<String, String> SMALL = Map.of(
            "calibrate", "--calib-images 32 --T 8 --iterations 3 -q",
            "quantize", "--calib-images 16 --iterations 1 -q",
            "compile-onnx", "--calib-images 32 --eval-images 20 --recal-images 16 --iterations 1 --T 8 -q",
            "compile-fx", "--energy-images 5 -q",
            "simulate", "--limit 20 -q",
            "cosim", "--limit 1 -q",
            "eval", "--limit 50 -q",
            "inspect", "",
            "export", "",
            "bench", "--quick --test-images 10 --calib-images 16 --timesteps 8 --methods light --iterations 2");

    @TempDir
    static Path work;

    @Test
    void theReadmeBlockAndEveryHelpExampleRunAsWritten() throws Exception {
        System.setProperty("snnc.home", "..");
        List<String> commands = new ArrayList<>(readmeBlock());
        assertTrue(commands.size() >= 10, "the README's runnable block: " + commands);
        for (String sub : HELP_ORDER) {
            commands.addAll(helpExamples(sub));
        }
        for (String line : commands) {
            List<String> args = rewrite(line);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            long t0 = System.nanoTime();
            int code = Main.run(args.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), true);
            System.out.printf("%5.1f s  exit %d  %s%n", (System.nanoTime() - t0) / 1e9, code, line);
            assertEquals(0, code, line + "\nran as " + args + "\n" + err);
        }
    }

    static List<String> readmeBlock() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("..", "README.md"));
        int start = lines.indexOf("<!-- runnable: DocumentedCommandsTest -->");
        assertTrue(start >= 0, "README has the runnable block");
        List<String> out = new ArrayList<>();
        for (int i = start + 2; !lines.get(i).startsWith("```"); i++) {
            out.add(lines.get(i).trim());
        }
        return out;
    }

    static List<String> helpExamples(String sub) {
        StringWriter out = new StringWriter();
        Main.run(new String[] {sub, "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        List<String> found = new ArrayList<>();
        String joined = out.toString().replaceAll(" \\\\\r?\n\\s+", " "); // examples continue lines with a backslash
        for (String l : joined.split("\n")) {
            String t = l.trim();
            if (t.startsWith("./snnc ")) {
                for (String part : t.replaceAll("\\s+\\(.*\\)$", "").split("&&")) {
                    found.add(part.trim());
                }
            }
        }
        assertTrue(!found.isEmpty(), sub + " --help has examples");
        return found;
    }

    /** {@code ./snnc sub args...} as arguments: repository paths kept, other paths in the work directory, small counts appended. */
    static List<String> rewrite(String line) {
        String[] tokens = line.replaceFirst("^\\./snnc\\s+", "").split("\\s+");
        List<String> args = new ArrayList<>();
        boolean hasOutput = false;
        for (String t : tokens) {
            if (t.startsWith("models/") || t.startsWith("data/")) {
                args.add("../" + t);
            } else if (!t.startsWith("-") && (t.contains("/") || t.matches(".*\\.(snn|fx|json|nir)$")) && !args.isEmpty()) {
                args.add(work.resolve(t).toString());
            } else {
                args.add(t);
            }
            hasOutput |= t.equals("-o") || t.equals("--out");
        }
        String sub = args.get(0);
        String key = sub.equals("compile") ? (args.size() > 1 && args.get(1).endsWith(".fx") ? "compile-fx" : "compile-onnx")
                : sub;
        for (String extra : SMALL.get(key).split(" ")) {
            if (!extra.isEmpty()) {
                args.add(extra);
            }
        }
        if (sub.equals("compile") && !hasOutput) {
            args.addAll(List.of("-o", work.resolve("out/main").toString()));
        }
        if (sub.equals("bench")) {
            args.addAll(List.of("--out", work.resolve("bench").toString()));
        }
        return args;
    }
}
