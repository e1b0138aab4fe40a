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
            readableByAll(tmp);
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

    /**
     * Deletes this class's temporary files ({@code .NAME*.partial}) left in {@code dir} by a run that
     * was killed while writing; run before writing into a directory again.
     */
    public static void removeStaleTemporaries(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.newDirectoryStream(dir, ".*.partial")) {
            for (Path f : files) {
                if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.OUTPUT_FILE, Origin.SYNTHETIC,
                    "cannot clean temporary files in " + dir + ": " + e.getMessage()));
        }
    }

    /** Temp files are created owner-only; an output file gets the usual rw-r--r--. */
    private static void readableByAll(Path file) {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // non-POSIX file systems keep their defaults
        }
    }

    /**
     * Writes several files into {@code dir} only once all their contents exist: the directory is
     * created if needed, then each file is written atomically. A failure before this call leaves
     * nothing behind; a failure during it names the file.
     */
    public static void writeAll(Path dir, java.util.Map<String, byte[]> files) {
        for (java.util.Map.Entry<String, byte[]> e : files.entrySet()) {
            write(dir.resolve(e.getKey()), e.getValue());
        }
    }
}
