package dev.snnc.ir.io;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an artifact to a temporary file beside its destination and moves it into place, so a
 * failed or interrupted run never leaves a half-written file under the final name.
 */
public final class AtomicOutput {
    private AtomicOutput() {
    }

    public static void write(Path destination, byte[] content) {
        Path dir = destination.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + destination.getFileName(), ".partial");
            Files.write(tmp, content);
            try {
                Files.move(tmp, destination, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
            throw new SnncException(Diagnostic.of(DiagnosticCode.OUTPUT_FILE, Origin.SYNTHETIC,
                    "cannot write " + destination + ": " + e.getMessage())
                    .withHint("check that the directory exists and is writable"));
        }
    }
}
