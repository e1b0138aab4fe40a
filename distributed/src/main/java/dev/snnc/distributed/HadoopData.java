package dev.snnc.distributed;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * IDX and CIFAR data on any file system Hadoop reads ({@code hdfs://}, {@code file://}, and those
 * whose connectors are installed): the directory's files are copied once per JVM into a local cache
 * ({@code java.io.tmpdir/snnc-data/<hash of the URI>}), then read by the usual loaders. Each file is
 * bounded like any data file (1 GiB); an image folder (a directory of class directories) is refused:
 * its images are read from a local or shared path.
 */
final class HadoopData {
    static final long MAX_FILE_BYTES = 1L << 30;
    private static final String COMPLETE = ".snnc-complete";

    private HadoopData() {
    }

    static synchronized Path localCopy(String uri) {
        try {
            URI u = new URI(uri);
            Path cache = Path.of(System.getProperty("java.io.tmpdir"), "snnc-data", hash(uri));
            if (Files.exists(cache.resolve(COMPLETE))) {
                return cache;
            }
            FileSystem fs = FileSystem.get(u, new Configuration());
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(u);
            if (!fs.getFileStatus(dir).isDirectory()) {
                throw problem(uri, "is not a directory");
            }
            Path staging = Files.createDirectories(cache.getParent()).resolve(cache.getFileName() + ".part-"
                    + ProcessHandle.current().pid());
            deleteTree(staging);
            deleteTree(cache); // an earlier copy that did not finish
            Files.createDirectories(staging);
            try {
                copyAll(fs, dir, uri, staging);
            } catch (IOException | RuntimeException e) {
                deleteTree(staging);
                throw e;
            }
            Files.move(staging, cache, StandardCopyOption.ATOMIC_MOVE);
            return cache;
        } catch (URISyntaxException e) {
            throw problem(uri, "is not a URI: " + e.getMessage());
        } catch (IOException e) {
            throw problem(uri, "cannot be read: " + e.getMessage());
        }
    }

    private static void copyAll(FileSystem fs, org.apache.hadoop.fs.Path dir, String uri, Path staging) throws IOException {
        for (FileStatus f : fs.listStatus(dir)) {
            String name = f.getPath().getName();
            if (f.isDirectory()) {
                throw problem(uri, "holds directory " + name + ": image folders are read from a local or shared "
                        + "path, not through Hadoop");
            }
            if (f.getLen() > MAX_FILE_BYTES) {
                throw problem(uri, "file " + name + " has " + f.getLen() + " bytes; the limit is " + MAX_FILE_BYTES);
            }
            try (InputStream in = fs.open(f.getPath())) {
                Files.copy(in, staging.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.writeString(staging.resolve(COMPLETE), uri, StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(f);
            }
        }
    }

    private static String hash(String uri) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SnncException problem(String uri, String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC, "--data " + uri + " " + what));
    }
}
