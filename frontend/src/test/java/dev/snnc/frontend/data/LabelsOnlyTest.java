package dev.snnc.frontend.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.SnncException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The labels-only views (what a distributed run's driver checks) agree with the full loaders on
 * the bundled IDX and CIFAR subsets, refuse what the loaders refuse, and hold no pixels.
 */
class LabelsOnlyTest {
    static final Path IDX = Path.of("..", "data", "fashion-mnist-subset");
    static final Path CIFAR = Path.of("..", "data", "fashion-rgb-subset", "cifar");

    private static void same(ImageSet full, ImageSet labels) {
        assertEquals(full.size(), labels.size());
        assertEquals(full.imageShape(), labels.imageShape());
        assertEquals(full.source(), labels.source());
        assertArrayEquals(full.labels(0, full.size()), labels.labels(0, labels.size()));
        assertThrows(IllegalStateException.class, () -> labels.batch(0, 1, Preprocessing.RAW_BYTES));
    }

    @Test
    void idxLabelsMatchTheFullLoad() {
        for (MnistFormatDataset.Split s : MnistFormatDataset.Split.values()) {
            same(MnistFormatDataset.load(IDX, s), MnistFormatDataset.labels(IDX, s));
        }
    }

    @Test
    void cifarLabelsMatchTheFullLoad() {
        for (MnistFormatDataset.Split s : MnistFormatDataset.Split.values()) {
            same(CifarBinaryDataset.load(CIFAR, CifarBinaryDataset.Variant.CIFAR10, s),
                    CifarBinaryDataset.labels(CIFAR, CifarBinaryDataset.Variant.CIFAR10, s));
        }
    }

    @Test
    void aTruncatedCifarFileIsRefusedNamingIt(@TempDir Path tmp) throws Exception {
        byte[] whole = Files.readAllBytes(CIFAR.resolve("test_batch.bin"));
        Files.write(tmp.resolve("test_batch.bin"), java.util.Arrays.copyOf(whole, whole.length - 5));
        SnncException e = assertThrows(SnncException.class,
                () -> CifarBinaryDataset.labels(tmp, CifarBinaryDataset.Variant.CIFAR10, MnistFormatDataset.Split.TEST));
        assertTrue(e.getMessage().contains("test_batch.bin") && e.getMessage().contains("not a whole number"),
                e.getMessage());
    }
}
