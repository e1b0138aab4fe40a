package dev.snnc.formats;

import dev.snnc.ir.diag.SnncException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reading files that strangers may have made: only regular files (a FIFO or device named as a model
 * or listed in a manifest would block or never end), only names inside the artifact directory (no
 * paths, no symlinks out), and at most {@link #MAX_FILE_BYTES} bytes, read with a bound so a file
 * that grows while it is read cannot exhaust memory.
 */
public final class ArtifactFiles {
    /** Largest file any reader accepts; raise with {@code -Dsnnc.limit.file-bytes=N}. */
    public static final long MAX_FILE_BYTES = Long.getLong("snnc.limit.file-bytes", 1L << 30);
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private ArtifactFiles() {
    }

    /** True for an existing regular file (symlinks followed only when {@code followLinks}). */
    public static boolean isRegularFile(Path file, boolean followLinks) {
        try {
            BasicFileAttributes a = followLinks ? Files.readAttributes(file, BasicFileAttributes.class)
                    : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The bytes of {@code file}, a regular file of at most {@link #MAX_FILE_BYTES}; every other
     * case is {@code problem("...")}. The top-level file a user names may be a symlink; files named
     * by an artifact's own contents must not be ({@code followLinks} false).
     */
    public static byte[] read(Path file, boolean followLinks, Function<String, SnncException> problem) {
        BasicFileAttributes a;
        try {
            a = followLinks ? Files.readAttributes(file, BasicFileAttributes.class)
                    : Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw problem.apply("not found");
        } catch (IOException e) {
            throw problem.apply("cannot be read: " + e.getMessage());
        }
        if (a.isSymbolicLink()) {
            throw problem.apply("is a symbolic link; artifact files must be regular files inside the directory");
        }
        if (!a.isRegularFile()) {
            throw problem.apply("is not a regular file (a directory, device or FIFO)");
        }
        if (a.size() > MAX_FILE_BYTES) {
            throw problem.apply("has " + a.size() + " bytes; the limit is " + MAX_FILE_BYTES
                    + " (raise it with -Dsnnc.limit.file-bytes=N in SNNC_JAVA_OPTS)");
        }
        try (InputStream in = Files.newInputStream(file, followLinks ? new LinkOption[0]
                : new LinkOption[] {LinkOption.NOFOLLOW_LINKS})) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_FILE_BYTES + 1));
            if (b.length > MAX_FILE_BYTES) {
                throw problem.apply("grew beyond " + MAX_FILE_BYTES + " bytes while it was read");
            }
            return b;
        } catch (IOException e) {
            throw problem.apply("cannot be read: " + e.getMessage());
        }
    }

    /**
     * {@code dir/name} for a file name an artifact lists: a plain name (letters, digits, '_', '.',
     * '-'; no path separators, no leading dot), so it cannot point outside {@code dir}.
     */
    public static Path inside(Path dir, String name, Function<String, SnncException> problem) {
        if (!PLAIN_NAME.matcher(name).matches() || name.contains("..")) {
            throw problem.apply("names the file '" + name + "'; artifact files are plain names inside the directory");
        }
        return dir.resolve(name);
    }
}
