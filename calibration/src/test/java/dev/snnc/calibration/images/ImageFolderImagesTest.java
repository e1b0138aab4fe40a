package dev.snnc.calibration.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.cv.transform.Normalize;
import ai.djl.modality.cv.transform.ToTensor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.SnncException;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderImagesTest {
    @TempDir
    Path dir;

    private static final Preprocessing UNIT = Preprocessing.UNIT_SCALE;

    /** A w×h RGB image whose pixel (x, y) is (seed + x, seed + y, seed + x + y) mod 256. */
    static void writeRgb(Path file, int w, int h, int seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = (seed + x) & 0xFF;
                int g = (seed + y) & 0xFF;
                int b = (seed + x + y) & 0xFF;
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(img, "png", file.toFile());
    }

    private Path twoClasses(int w, int h) throws IOException {
        for (int i = 2; i >= 0; i--) { // written in reverse: the order must come from the names
            writeRgb(dir.resolve("zebra/img" + i + ".png"), w, h, 10 * i);
            writeRgb(dir.resolve("ant/img" + i + ".png"), w, h, 100 + 10 * i);
        }
        return dir;
    }

    @Test
    void decodesPixelsExactlyInterleavesClassesAndSortsNames() throws IOException {
        ImageFolderImages set = ImageFolderImages.open(twoClasses(8, 6), 3, UNIT, s -> { });
        assertEquals(dev.snnc.ir.Shape.of(3, 6, 8), set.imageShape());
        assertEquals(List.of("ant", "zebra"), set.classNames());
        assertArrayEquals(new int[] {0, 1, 0, 1, 0, 1}, set.labels(0, 6));
        float[] px = set.batch(1, 1, Preprocessing.RAW_BYTES); // zebra/img0: seed 0
        assertEquals(3 * 6 * 8, px.length);
        assertEquals(5f, px[0 * 48 + 2 * 8 + 5]); // R at (x=5, y=2) = x
        assertEquals(2f, px[1 * 48 + 2 * 8 + 5]); // G = y
        assertEquals(7f, px[2 * 48 + 2 * 8 + 5]); // B = x + y
    }

    @Test
    void resizesTheShorterSideAndCropsTheCentreWithDjl() throws IOException {
        ImageFolderImages set = ImageFolderImages.open(twoClasses(12, 8), 3, UNIT.withGeometry(4, 4), s -> { });
        assertEquals(dev.snnc.ir.Shape.of(3, 4, 4), set.imageShape());
        float[] px = set.batch(0, 6, Preprocessing.RAW_BYTES);
        assertEquals(6 * 48, px.length);
        for (float v : px) {
            assertTrue(v >= 0 && v <= 255 && v == Math.rint(v));
        }
    }

    @Test
    void mixedSizesWithoutGeometryNameTheFileAndTheFix() throws IOException {
        twoClasses(8, 6);
        writeRgb(dir.resolve("zebra/img9.png"), 9, 6, 0);
        ImageFolderImages set = ImageFolderImages.open(dir, 3, UNIT, s -> { });
        SnncException e = assertThrows(SnncException.class, () -> set.batch(0, set.size(), UNIT));
        String m = e.getMessage();
        assertTrue(m.contains("SNNC-E200") && m.contains("img9.png") && m.contains("6x9") && m.contains("--resize"), m);
    }

    @Test
    void corruptImageEmptyClassAndNoClassesAreDiagnostics() throws IOException {
        twoClasses(8, 6);
        Files.write(dir.resolve("ant/broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        SnncException e = assertThrows(SnncException.class, () -> { // the first image in name order: fails at open
            ImageFolderImages set = ImageFolderImages.open(dir, 3, UNIT, s -> { });
            set.batch(0, set.size(), UNIT);
        });
        assertTrue(e.getMessage().contains("broken.png") && e.getMessage().contains("cannot be decoded"), e.getMessage());

        Files.delete(dir.resolve("ant/broken.png"));
        Files.createDirectories(dir.resolve("empty"));
        e = assertThrows(SnncException.class, () -> ImageFolderImages.open(dir, 3, UNIT, s -> { }));
        assertTrue(e.getMessage().contains("empty") && e.getMessage().contains("no .png or .jpg"), e.getMessage());

        Path bare = Files.createDirectories(dir.resolve("../bare-" + System.nanoTime()));
        e = assertThrows(SnncException.class, () -> ImageFolderImages.open(bare, 3, UNIT, s -> { }));
        assertTrue(e.getMessage().contains("no class subfolders"), e.getMessage());
    }

    /** A 60-byte PNG declaring 100000x100000 pixels is refused from its header, before any allocation. */
    @Test
    void aDecompressionBombIsRefusedFromItsHeader() throws IOException {
        twoClasses(8, 6);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(100_000).putInt(100_000)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(ihdr.array());
        png.write(java.nio.ByteBuffer.allocate(4).putInt(13).array());
        png.write("IHDR".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        png.write(ihdr.array());
        png.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        Files.write(dir.resolve("zebra/zzz-bomb.png"), png.toByteArray());
        ImageFolderImages set = ImageFolderImages.open(dir, 3, UNIT, s -> { });
        long start = System.nanoTime();
        SnncException e = assertThrows(SnncException.class, () -> set.batch(0, set.size(), UNIT));
        assertTrue(e.getMessage().contains("zzz-bomb.png") && e.getMessage().contains("100000x100000"), e.getMessage());
        assertTrue(System.nanoTime() - start < 5e9);
    }

    @Test
    void grayscaleImageInAColourSetIsRepeatedAndSaidOnce() throws IOException {
        twoClasses(8, 6);
        for (String name : List.of("g1.png", "g2.png")) {
            BufferedImage gray = new BufferedImage(8, 6, BufferedImage.TYPE_BYTE_GRAY);
            gray.getRaster().setSample(3, 1, 0, 77);
            ImageIO.write(gray, "png", dir.resolve("ant/" + name).toFile());
        }
        List<String> notes = new ArrayList<>();
        ImageFolderImages set = ImageFolderImages.open(dir, 3, UNIT, notes::add);
        float[] all = set.batch(0, set.size(), Preprocessing.RAW_BYTES);
        assertEquals(1, notes.size(), notes.toString());
        assertTrue(notes.get(0).contains("g1.png") && notes.get(0).contains("grayscale"), notes.get(0));
        int g1 = -1;
        for (int i = 0; i < set.size(); i++) {
            g1 = set.label(i) == 0 && i / 2 == 0 ? i : g1; // ant's first file in name order is g1.png
        }
        int per = 3 * 6 * 8;
        for (int c = 0; c < 3; c++) {
            assertEquals(77f, all[g1 * per + c * 48 + 1 * 8 + 3], "channel " + c);
        }
    }

    /** The model's stored preprocessing computes what DJL's ToTensor + Normalize compute on the same image. */
    @Test
    void preprocessingMatchesDjlToTensorAndNormalize() throws IOException {
        ImageFolderImages set = ImageFolderImages.open(twoClasses(8, 6), 3, UNIT, s -> { });
        float[] mean = {0.485f, 0.456f, 0.406f};
        float[] std = {0.229f, 0.224f, 0.225f};
        Preprocessing pre = new Preprocessing(1.0 / 255, List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));
        float[] ours = set.batch(3, 1, pre);
        byte[] chw = set.pixels(3);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray hwc = m.create(chw, new Shape(3, 6, 8)).toType(DataType.UINT8, false).transpose(1, 2, 0);
            NDList t = new NDList(hwc);
            NDArray djl = new Normalize(mean, std).transform(new ToTensor().transform(t.singletonOrThrow()));
            float[] theirs = djl.toFloatArray();
            assertEquals(ours.length, theirs.length);
            for (int i = 0; i < ours.length; i++) {
                assertEquals(theirs[i], ours[i], 1e-5, "element " + i);
            }
        }
    }
}
