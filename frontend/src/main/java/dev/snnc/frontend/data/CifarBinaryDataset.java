package dev.snnc.frontend.data;

import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * CIFAR-10 and CIFAR-100 in their binary-version layout: records of label byte(s) followed by 3,072
 * bytes (red, green, blue 32x32 planes, row-major). CIFAR-10: {@code data_batch_1..5.bin} and
 * {@code test_batch.bin}, one label byte of 0..9. CIFAR-100: {@code train.bin} and {@code test.bin},
 * a coarse (0..19) and a fine (0..99) label byte; the fine label is the class.
 */
public final class CifarBinaryDataset {
    /** Which of the two CIFAR layouts a directory holds. */
    public enum Variant {
        CIFAR10(1, 10), CIFAR100(2, 100);

        final int labelBytes;
        final int classes;

        Variant(int labelBytes, int classes) {
            this.labelBytes = labelBytes;
            this.classes = classes;
        }
    }

    static final int SIDE = 32;
    static final int IMAGE_BYTES = 3 * SIDE * SIDE;
    /** The largest file accepted: CIFAR's are 30-150 MB; a bound keeps a hostile file from exhausting memory. */
    static final long MAX_FILE_BYTES = 1L << 30;
    /** Training batch files read at most ({@code data_batch_1..N.bin}, consecutive). */
    static final int MAX_BATCHES = 100;

    private CifarBinaryDataset() {
    }

    /** The CIFAR variant in {@code dir}, or null when it holds neither layout. */
    public static Variant detect(Path dir) {
        if (Files.isRegularFile(dir.resolve("test_batch.bin")) || Files.isRegularFile(dir.resolve("data_batch_1.bin"))) {
            return Variant.CIFAR10;
        }
        if (Files.isRegularFile(dir.resolve("test.bin")) || Files.isRegularFile(dir.resolve("train.bin"))) {
            return Variant.CIFAR100;
        }
        return null;
    }

    /** The files of one split, in the order their images are numbered. */
    static List<Path> files(Path dir, Variant variant, MnistFormatDataset.Split split) {
        List<Path> files = new ArrayList<>();
        if (variant == Variant.CIFAR10) {
            if (split == MnistFormatDataset.Split.TEST) {
                files.add(dir.resolve("test_batch.bin"));
            } else {
                // CIFAR-10 has five; larger sets in the same layout (e.g. 60k rendered images) continue the numbering
                for (int i = 1; i <= MAX_BATCHES && (i == 1 || Files.isRegularFile(dir.resolve("data_batch_" + i + ".bin"))); i++) {
                    files.add(dir.resolve("data_batch_" + i + ".bin"));
                }
            }
        } else {
            files.add(dir.resolve(split == MnistFormatDataset.Split.TEST ? "test.bin" : "train.bin"));
        }
        return files;
    }

    /** Reads one split; every problem is an SNNC-E200 naming the file and, for a label, the record. */
    public static LabeledImages load(Path dir, Variant variant, MnistFormatDataset.Split split) {
        int record = variant.labelBytes + IMAGE_BYTES;
        ByteArrayOutputStream pixels = new ByteArrayOutputStream();
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        for (Path file : files(dir, variant, split)) {
            byte[] bytes = readBounded(file);
            if (bytes.length == 0 || bytes.length % record != 0) {
                throw problem(file + " holds " + bytes.length + " bytes, not a whole number of " + record
                        + "-byte " + variant + " records (" + variant.labelBytes + " label byte(s) + 3x32x32 pixels)");
            }
            for (int r = 0; r < bytes.length / record; r++) {
                int at = r * record;
                int label = bytes[at + variant.labelBytes - 1] & 0xFF;
                if (label >= variant.classes) {
                    throw problem(file + " record " + r + " has label " + label + ", outside 0.." + (variant.classes - 1)
                            + " of " + variant);
                }
                labels.write(label);
                pixels.write(bytes, at + variant.labelBytes, IMAGE_BYTES);
            }
        }
        String source = dir.resolve(split == MnistFormatDataset.Split.TEST ? "test" : "train").toString();
        return new LabeledImages(source, Shape.of(3, SIDE, SIDE), pixels.toByteArray(), labels.toByteArray());
    }

    /**
     * The split's labels without its pixels (each record's label byte read, its pixels skipped),
     * with the same checks as {@link #load}: what the driver of a distributed run checks.
     */
    public static LabelsOnly labels(Path dir, Variant variant, MnistFormatDataset.Split split) {
        int record = variant.labelBytes + IMAGE_BYTES;
        ByteArrayOutputStream labels = new ByteArrayOutputStream();
        for (Path file : files(dir, variant, split)) {
            if (!Files.isRegularFile(file)) {
                throw problem("missing " + file + ": expected a CIFAR binary batch file");
            }
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
                long size = Files.size(file);
                if (size > MAX_FILE_BYTES) {
                    throw problem(file + " has more than " + MAX_FILE_BYTES + " bytes");
                }
                if (size == 0 || size % record != 0) {
                    throw problem(file + " holds " + size + " bytes, not a whole number of " + record + "-byte " + variant
                            + " records (" + variant.labelBytes + " label byte(s) + 3x32x32 pixels)");
                }
                byte[] label = new byte[variant.labelBytes];
                for (long r = 0; r < size / record; r++) {
                    if (in.readNBytes(label, 0, label.length) != label.length) {
                        throw problem(file + " is truncated at record " + r);
                    }
                    int l = label[label.length - 1] & 0xFF;
                    if (l >= variant.classes) {
                        throw problem(file + " record " + r + " has label " + l + ", outside 0.." + (variant.classes - 1)
                                + " of " + variant);
                    }
                    labels.write(l);
                    in.skipNBytes(IMAGE_BYTES);
                }
            } catch (java.io.EOFException e) {
                throw problem(file + " is truncated");
            } catch (java.io.IOException e) {
                throw problem("cannot read " + file + ": " + e.getMessage());
            }
        }
        String source = dir.resolve(split == MnistFormatDataset.Split.TEST ? "test" : "train").toString();
        return new LabelsOnly(source, Shape.of(3, SIDE, SIDE), labels.toByteArray());
    }

    private static byte[] readBounded(Path file) {
        if (!Files.isRegularFile(file)) {
            throw problem("missing " + file + ": expected a CIFAR binary batch file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(MAX_FILE_BYTES + 1, Integer.MAX_VALUE - 8));
            if (bytes.length > MAX_FILE_BYTES) {
                throw problem(file + " is larger than " + MAX_FILE_BYTES + " bytes, too large for a CIFAR batch file");
            }
            return bytes;
        } catch (IOException e) {
            throw problem(file + " cannot be read: " + e.getMessage());
        }
    }

    private static SnncException problem(String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC, what));
    }
}
