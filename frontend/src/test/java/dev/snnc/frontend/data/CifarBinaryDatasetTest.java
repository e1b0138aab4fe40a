package dev.snnc.frontend.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.SnncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarBinaryDatasetTest {
    @TempDir
    Path dir;

    /** Records whose pixel k of image i is (i + k) mod 256, labels given. */
    static byte[] records(int labelBytes, int... labels) {
        int rec = labelBytes + 3072;
        byte[] out = new byte[labels.length * rec];
        for (int i = 0; i < labels.length; i++) {
            if (labelBytes == 2) {
                out[i * rec] = (byte) (labels[i] / 5); // coarse label: ignored
            }
            out[i * rec + labelBytes - 1] = (byte) labels[i];
            for (int k = 0; k < 3072; k++) {
                out[i * rec + labelBytes + k] = (byte) (i + k);
            }
        }
        return out;
    }

    @Test
    void readsCifar10TrainBatchesInOrderAndTheTestBatch() throws IOException {
        Files.write(dir.resolve("data_batch_1.bin"), records(1, 3, 9));
        Files.write(dir.resolve("data_batch_2.bin"), records(1, 0));
        Files.write(dir.resolve("test_batch.bin"), records(1, 7));
        assertEquals(CifarBinaryDataset.Variant.CIFAR10, CifarBinaryDataset.detect(dir));
        LabeledImages train = CifarBinaryDataset.load(dir, CifarBinaryDataset.Variant.CIFAR10, MnistFormatDataset.Split.TRAIN);
        assertEquals(Shape.of(3, 32, 32), train.imageShape());
        assertArrayEquals(new int[] {3, 9, 0}, train.labels(0, 3));
        float[] px = train.batch(1, 1, Preprocessing.RAW_BYTES);
        assertEquals(1f, px[0]);
        assertEquals((1 + 1024) % 256, (int) px[1024]); // first green byte
        LabeledImages test = CifarBinaryDataset.load(dir, CifarBinaryDataset.Variant.CIFAR10, MnistFormatDataset.Split.TEST);
        assertEquals(1, test.size());
        assertEquals(7, test.label(0));
    }

    @Test
    void readsCifar100FineLabels() throws IOException {
        Files.write(dir.resolve("test.bin"), records(2, 42, 99));
        assertEquals(CifarBinaryDataset.Variant.CIFAR100, CifarBinaryDataset.detect(dir));
        LabeledImages test = CifarBinaryDataset.load(dir, CifarBinaryDataset.Variant.CIFAR100, MnistFormatDataset.Split.TEST);
        assertArrayEquals(new int[] {42, 99}, test.labels(0, 2));
    }

    @Test
    void truncatedFilesLabelsOutOfRangeAndMissingFilesNameTheFile() throws IOException {
        byte[] good = records(1, 1, 2);
        Files.write(dir.resolve("test_batch.bin"), java.util.Arrays.copyOf(good, good.length - 5));
        SnncException e = assertThrows(SnncException.class,
                () -> CifarBinaryDataset.load(dir, CifarBinaryDataset.Variant.CIFAR10, MnistFormatDataset.Split.TEST));
        assertTrue(e.getMessage().contains("SNNC-E200") && e.getMessage().contains("test_batch.bin")
                && e.getMessage().contains("6141 bytes"), e.getMessage());

        Files.write(dir.resolve("test_batch.bin"), records(1, 1, 12));
        e = assertThrows(SnncException.class,
                () -> CifarBinaryDataset.load(dir, CifarBinaryDataset.Variant.CIFAR10, MnistFormatDataset.Split.TEST));
        assertTrue(e.getMessage().contains("record 1 has label 12"), e.getMessage());

        e = assertThrows(SnncException.class,
                () -> CifarBinaryDataset.load(dir, CifarBinaryDataset.Variant.CIFAR10, MnistFormatDataset.Split.TRAIN));
        assertTrue(e.getMessage().contains("data_batch_1.bin"), e.getMessage());
        assertNull(CifarBinaryDataset.detect(dir.resolve("nowhere")));
    }
}
