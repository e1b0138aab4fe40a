package dev.snnc.cli;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * {@code compile --resume} reuses {@code model.snn} and {@code model.fx} only when their provenance
 * equals what this run would have written (every setting that changes the result: model checksum,
 * T, method, thresholds, images, seed, target, widths); otherwise it refuses with every difference,
 * so a resumed run never mixes artifacts of two requests. The tool version is not compared.
 */
final class ResumeCheck {
    private ResumeCheck() {
    }

    static void requireSame(Path file, Map<String, String> saved, Map<String, String> wanted) {
        List<String> differences = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(saved.keySet());
        keys.addAll(wanted.keySet());
        for (String k : keys) {
            if (k.equals("tool") || k.endsWith(".tool")) {
                continue;
            }
            if (!Objects.equals(saved.get(k), wanted.get(k))) {
                differences.add(k + " " + saved.getOrDefault(k, "(absent)") + " in the file, " + wanted.getOrDefault(k,
                        "(absent)") + " requested");
            }
        }
        if (!differences.isEmpty()) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, "--resume: " + file
                    + " was made with other settings: " + String.join("; ", differences))
                    .withHint("drop --resume, or delete " + file.getFileName() + " to recompute it"));
        }
    }
}
