package dev.snnc.backend.fpga;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;

/** What co-simulation and synthesis share about the external tools they run: finding them, and their scratch directories. */
final class ExternalTools {
    private ExternalTools() {
    }

    /** Empty when {@code tool} is an executable on the PATH, else why not, naming its Debian package. */
    static Optional<String> missing(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return Optional.empty();
            }
        }
        return Optional.of(tool + " not found on PATH (Debian package " + debianPackage + ")");
    }

    /** Deletes a scratch directory and everything in it. */
    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
