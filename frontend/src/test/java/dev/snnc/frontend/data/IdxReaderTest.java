package dev.snnc.frontend.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    static byte[] idx(int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        for (int d : dims) {
            out.writeInt(d);
        }
        out.write(data);
        return bytes.toByteArray();
    }

    static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    /** Writes a 3-image 2x2 data set in {@code dir} (images gzip, labels raw). */
    void writeDataSet(String prefix) throws IOException {
        byte[] pixels = {0, 1, 2, 3, 10, 11, 12, 13, (byte) 255, 0, 0, 0};
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte.gz"), gzip(idx(new int[] {3, 2, 2}, pixels)));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(new int[] {3}, new byte[] {7, 0, 9}));
    }

    @Test
    void readsGzipAndRawFilesIntoBatches() throws IOException {
        writeDataSet("t10k");
        LabeledImages images = MnistFormatDataset.load(dir, MnistFormatDataset.Split.TEST);
        assertEquals(3, images.size());
        assertEquals(9, images.label(2));
        float[] batch = images.batch(1, 2, new Preprocessing(1.0, List.of(10.0), List.of(2.0)));
        assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f, 122.5f, -5, -5, -5}, batch);
        assertEquals(1, images.first(1).size());
    }

    @Test
    void truncatedFileSaysHowManyBytesWereMissing() throws IOException {
        byte[] full = idx(new int[] {2, 2, 2}, new byte[8]);
        Path f = dir.resolve("x");
        Files.write(f, Arrays.copyOf(full, full.length - 3));
        SnncException e = assertThrows(SnncException.class, () -> IdxReader.read(f, 3));
        assertEquals(DiagnosticCode.DATA_FILE, e.diagnostics().get(0).code());
        assertTrue(e.getMessage().contains("needs 8 bytes of data, found 5"), e.getMessage());
    }

    @Test
    void badMagicAndWrongRankAreNamed() throws IOException {
        Path f = dir.resolve("x");
        Files.write(f, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertTrue(assertThrows(SnncException.class, () -> IdxReader.read(f, 3)).getMessage().contains("magic number"));
        Files.write(f, idx(new int[] {4}, new byte[4]));
        assertTrue(assertThrows(SnncException.class, () -> IdxReader.read(f, 3)).getMessage().contains("1 dimensions"));
    }

    @Test
    void corruptGzipIsReported() throws IOException {
        byte[] gz = gzip(idx(new int[] {4}, new byte[4]));
        gz[gz.length - 6] ^= 0x55; // damage the CRC trailer
        Path f = dir.resolve("x.gz");
        Files.write(f, gz);
        SnncException e = assertThrows(SnncException.class, () -> IdxReader.read(f, 1));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void missingFileNamesTheFileAndThePackage() throws IOException {
        SnncException e = assertThrows(SnncException.class, () -> MnistFormatDataset.load(dir, MnistFormatDataset.Split.TRAIN));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertTrue(e.diagnostics().get(0).hint().contains("apt-get install dataset-fashion-mnist"));
    }

    @Test
    void imageAndLabelCountsMustAgree() throws IOException {
        writeDataSet("train");
        Files.write(dir.resolve("train-labels-idx1-ubyte"), idx(new int[] {2}, new byte[2]));
        SnncException e = assertThrows(SnncException.class, () -> MnistFormatDataset.load(dir, MnistFormatDataset.Split.TRAIN));
        assertTrue(e.getMessage().contains("3 images but") && e.getMessage().contains("2 labels"), e.getMessage());
    }
}
