package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.calibration.images.ImageFolderImages;
import dev.snnc.frontend.data.CifarBinaryDataset;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.formats.SnnFile;
import dev.snnc.ir.Preprocessing;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RGB data end to end: image folders and CIFAR binaries, per-channel preprocessing, image geometry, bad data. */
class DataFormatsCliTest {
    static final String RGB_MODEL = "../testdata/models/tiny_rgb.onnx";
    static final Path FOLDER = Path.of("../data/fashion-rgb-subset/folder");
    static final Path CIFAR = Path.of("../data/fashion-rgb-subset/cifar");

    /** The bundled subset holds the same images in both formats: folder files are named by CIFAR record. */
    @Test
    void imageFolderAndCifarBinariesDecodeToTheSamePixelsAndLabels() {
        ImageFolderImages folder = ImageFolderImages.open(FOLDER.resolve("test"), 3, Preprocessing.UNIT_SCALE, s -> { });
        LabeledImages cifar = CifarBinaryDataset.load(CIFAR, CifarBinaryDataset.Variant.CIFAR10, MnistFormatDataset.Split.TEST);
        assertEquals(512, folder.size());
        assertEquals(cifar.size(), folder.size());
        for (int i = 0; i < folder.size(); i += 7) {
            String name = java.nio.file.Path.of(folder.file(i)).getFileName().toString();
            int record = Integer.parseInt(name.substring(0, name.indexOf('.')));
            assertEquals(cifar.label(record), folder.label(i), name);
            assertArrayEquals(cifar.batch(record, 1, Preprocessing.RAW_BYTES), folder.batch(i, 1, Preprocessing.RAW_BYTES), name);
        }
    }

    @Test
    void evalScoresTheSameOnBothFormatsAndFormatDetectionNamesTheSource() throws Exception {
        JsonNode folder = new ObjectMapper().readTree(ok("eval", RGB_MODEL, "--data", FOLDER.toString(), "--json").out());
        JsonNode cifar = new ObjectMapper().readTree(ok("eval", RGB_MODEL, "--data", CIFAR.toString(), "--json").out());
        assertEquals(512, folder.get("images").asInt());
        assertEquals(cifar.get("correct").asInt(), folder.get("correct").asInt());
        assertEquals("scale=0.00392156862745098;mean=0.3,0.35,0.4;std=0.25,0.3,0.35", folder.get("preprocessing").asText());
    }

    /** Calibrate, quantize (per-channel mean/std folded into the integer first layer), both backends, simulate. */
    @Test
    void rgbCompilesForLoihiAndFpgaBitExactly(@TempDir Path dir) throws Exception {
        for (String target : new String[] {"loihi2", "fpga"}) {
            Path out = dir.resolve(target);
            ok("compile", RGB_MODEL, "--data", FOLDER.toString(), "--target", target, "--T", "8", "--calib-images", "64",
                    "--eval-images", "32", "-o", out.toString(), "-q");
            JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
            assertEquals(32, report.at("/summary/eval_images").asInt(), report.toPrettyString());
            // the fixed-point network reads the same folder and agrees with the compile's own simulation
            JsonNode sim = new ObjectMapper().readTree(ok("simulate", out.resolve("model.fx").toString(), "--data",
                    FOLDER.toString(), "--limit", "32", "--json", "-q").out());
            assertEquals(report.at("/summary/fixed_point_accuracy").asDouble(), sim.get("accuracy").asDouble(), 1e-12);
        }
    }

    @Test
    void resizeAndCropAreStoredWithTheModelAndCannotBeChangedLater(@TempDir Path dir) throws Exception {
        Path snn = dir.resolve("m.snn");
        ok("calibrate", RGB_MODEL, "--data", FOLDER.toString(), "--resize", "40", "--crop", "32", "--T", "4",
                "--calib-images", "32", "-o", snn.toString(), "-q");
        Preprocessing stored = SnnFile.read(snn).graph().preprocessing().orElseThrow();
        assertEquals(40, stored.resize());
        assertEquals(32, stored.crop());
        Path fx = dir.resolve("m.fx");
        ok("quantize", snn.toString(), "--target", "loihi2", "--data", FOLDER.toString(), "--calib-images", "16",
                "-o", fx.toString(), "-q");
        assertTrue(Files.readString(fx).contains(";resize=40;crop=32"));
        ok("simulate", fx.toString(), "--data", FOLDER.toString(), "--limit", "4", "-q");
        CliRunner c = CliRunner.run("simulate", fx.toString(), "--data", FOLDER.toString(), "--limit", "4", "--crop", "30");
        assertEquals(2, c.exitCode(), c.err());
        assertTrue(c.err().contains("SNNC-E300") && c.err().contains("resize 40"), c.err());
    }

    @Test
    void badDataIsAnSnncErrorNamingTheFileWithExit2(@TempDir Path dir) throws Exception {
        // grayscale IDX data for a colour model: the shapes
        expectError("SNNC-E201", "[1,28,28]", "eval", RGB_MODEL, "--data", "../data/fashion-mnist-subset");
        // CIFAR-100 labels beyond a 10-class model
        byte[] rec = new byte[2 + 3072];
        rec[1] = 42;
        Files.write(dir.resolve("test.bin"), rec);
        expectError("SNNC-E201", "label 42", "eval", RGB_MODEL, "--data", dir.toString());
        // geometry options on fixed-size data, an unknown format
        expectError("SNNC-E300", "image folders", "eval", RGB_MODEL, "--data", CIFAR.toString(), "--resize", "32");
        expectError("SNNC-E300", "--data-format", "eval", RGB_MODEL, "--data", CIFAR.toString(), "--data-format", "tfrecord");
        // an empty class folder, a corrupt image, mixed sizes
        Path folder = dir.resolve("images/test");
        Files.createDirectories(folder.resolve("a"));
        Files.createDirectories(folder.resolve("b"));
        Files.copy(FOLDER.resolve("test/8-bag/00018.png"), folder.resolve("a/1.png"));
        expectError("SNNC-E200", "b holds no .png", "eval", RGB_MODEL, "--data", dir.resolve("images").toString());
        Files.write(folder.resolve("b/2.png"), new byte[] {1, 2, 3});
        expectError("SNNC-E200", "2.png cannot be decoded", "eval", RGB_MODEL, "--data", dir.resolve("images").toString());
        Files.delete(folder.resolve("b/2.png"));
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(40, 32, java.awt.image.BufferedImage.TYPE_INT_RGB);
        javax.imageio.ImageIO.write(big, "png", folder.resolve("b/3.png").toFile());
        expectError("SNNC-E200", "3.png does not have the set's size 32x32", "eval", RGB_MODEL, "--data",
                dir.resolve("images").toString());
    }

    private static CliRunner ok(String... args) {
        CliRunner c = CliRunner.run(args);
        assertEquals(0, c.exitCode(), c.err());
        return c;
    }

    private static void expectError(String code, String text, String... args) {
        CliRunner c = CliRunner.run(args);
        assertEquals(2, c.exitCode(), c.out() + c.err());
        assertTrue(c.err().contains(code) && c.err().contains(text), c.err());
        assertFalse(c.err().contains("Exception"), c.err());
    }
}
