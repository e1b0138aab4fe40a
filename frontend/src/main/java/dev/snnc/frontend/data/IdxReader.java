package dev.snnc.frontend.data;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files (the MNIST container: magic {@code 00 00 08 ndim}, big-endian dimensions, unsigned
 * bytes), raw or gzip-compressed (detected from the content, not the name).
 */
public final class IdxReader {
    /** An IDX array of unsigned bytes. */
    public record IdxArray(int[] dims, byte[] data) {
        public IdxArray {
            dims = dims.clone();
        }

        public int count() {
            return dims[0];
        }

        @Override
        public int[] dims() {
            return dims.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof IdxArray a && Arrays.equals(dims, a.dims) && Arrays.equals(data, a.data);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "IdxArray" + Arrays.toString(dims);
        }
    }

    private static final int UNSIGNED_BYTE = 0x08;
    private static final long MAX_BYTES = 1L << 31;

    private IdxReader() {
    }

    /** The dimensions a file's header declares, reading nothing beyond the header (checked as {@link #read} checks it). */
    public static int[] dims(Path file, int expectedRank) {
        return withStream(file, in -> header(in, file, expectedRank));
    }

    /** What a reader does with a file's (gunzipped) stream; its I/O errors become problems naming the file. */
    private interface StreamReader<T> {
        T read(DataInputStream in) throws IOException;
    }

    private static <T> T withStream(Path file, StreamReader<T> reader) {
        if (!Files.isRegularFile(file)) {
            throw problem(file, "file not found");
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             DataInputStream in = new DataInputStream(maybeGunzip(raw))) {
            return reader.read(in);
        } catch (EOFException e) {
            throw problem(file, "is truncated inside its header");
        } catch (ZipException e) {
            throw problem(file, "is a corrupt gzip stream (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw problem(file, "cannot be read: " + e.getMessage());
        }
    }

    private static int[] header(DataInputStream in, Path file, int expectedRank) throws IOException {
        int magic = in.readInt();
        int type = (magic >>> 8) & 0xFF;
        int rank = magic & 0xFF;
        if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE) {
            throw problem(file, String.format("magic number 0x%08x is not an unsigned-byte IDX header (0x000008xx)", magic));
        }
        if (rank != expectedRank) {
            throw problem(file, "has " + rank + " dimensions, expected " + expectedRank);
        }
        int[] dims = new int[rank];
        long size = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            size *= Math.max(dims[i], 0);
            if (dims[i] <= 0 || size > MAX_BYTES) {
                throw problem(file, "header declares dimensions " + Arrays.toString(Arrays.copyOf(dims, i + 1)));
            }
        }
        return dims;
    }

    public static IdxArray read(Path file, int expectedRank) {
        return withStream(file, in -> {
            int[] dims = header(in, file, expectedRank);
            long size = 1;
            for (int d : dims) {
                size *= d;
            }
            byte[] data = new byte[(int) size];
            int got = in.readNBytes(data, 0, data.length);
            if (got != data.length) {
                throw problem(file, "is truncated: header " + Arrays.toString(dims) + " needs " + size
                        + " bytes of data, found " + got);
            }
            if (in.read() != -1) {
                throw problem(file, "has data beyond the " + size + " bytes its header " + Arrays.toString(dims) + " declares");
            }
            return new IdxArray(dims, data);
        });
    }

    private static InputStream maybeGunzip(InputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in) : in;
    }

    private static SnncException problem(Path file, String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC, "IDX file " + file + " " + what));
    }
}
