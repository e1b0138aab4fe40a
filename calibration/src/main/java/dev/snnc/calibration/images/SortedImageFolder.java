package dev.snnc.calibration.images;

import ai.djl.basicdataset.cv.classification.AbstractImageFolder;
import ai.djl.modality.cv.Image;
import ai.djl.util.Pair;
import ai.djl.util.Progress;
import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * DJL's image-folder dataset with a listing that does not depend on the file system: classes are
 * the sorted subfolder names (as in DJL's {@code ImageFolder}), files are sorted by name, and the
 * classes are interleaved round-robin, so the first N images (calibration draws a prefix) cover the
 * classes evenly and the same folder copied elsewhere gives the same order. DJL's own listing walks
 * directories in file-system order and puts the classes one after another.
 */
public final class SortedImageFolder extends AbstractImageFolder implements ImageFiles {
    private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png");
    /** Bounds the listing of a hostile folder (ImageNet's training set has 1.28 M images). */
    public static final int MAX_IMAGES = 5_000_000;

    private final Path root;

    private SortedImageFolder(Builder builder, Path root) {
        super(builder);
        this.root = root;
    }

    static SortedImageFolder open(Path root, Image.Flag flag) {
        Builder b = new Builder().setRepositoryPath(root).optFlag(flag).setSampling(1, false);
        SortedImageFolder folder = new SortedImageFolder(b, root);
        folder.prepare(null);
        return folder;
    }

    @Override
    protected Path getImagePath(String key) {
        return Path.of(key);
    }

    @Override
    public void prepare(Progress progress) {
        if (prepared) {
            return;
        }
        List<Path> classDirs = list(root, Files::isDirectory);
        if (classDirs.isEmpty()) {
            throw problem("image folder " + root + " has no class subfolders (expected " + root
                    + "/<class>/<image>.png|jpg)");
        }
        List<List<Path>> perClass = new ArrayList<>();
        for (Path dir : classDirs) {
            List<Path> images = list(dir, p -> Files.isRegularFile(p) && isImageName(p));
            if (images.isEmpty()) {
                throw problem("class folder " + dir + " holds no .png or .jpg images (every class subfolder needs at "
                        + "least one; remove the folder or add its images)");
            }
            synset.add(dir.getFileName().toString());
            perClass.add(images);
        }
        for (ImageFiles.Entry<Path> e : ImageFiles.interleave(perClass)) {
            items.add(new Pair<>(e.file().toString(), e.label()));
        }
        prepared = true;
    }

    Path path(int index) {
        return Path.of(items.get(index).getKey());
    }

    @Override
    public int classOf(int index) {
        return items.get(index).getValue();
    }

    @Override
    public int count() {
        return items.size();
    }

    @Override
    public List<String> classNames() {
        return List.copyOf(synset);
    }

    @Override
    public String name(int index) {
        return items.get(index).getKey();
    }

    @Override
    public String root() {
        return root.toString();
    }

    @Override
    public byte[] bytes(int index) throws IOException {
        Path file = path(index);
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw problem("image " + file + " has " + size + " bytes; at most " + MAX_FILE_BYTES + " are read");
        }
        return Files.readAllBytes(file);
    }

    /** Whether a file name is one of the image kinds read (.png, .jpg, .jpeg; not hidden). */
    public static boolean isImageName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    private static boolean isImageName(Path p) {
        return isImageName(p.getFileName().toString());
    }

    private static List<Path> list(Path dir, java.util.function.Predicate<Path> keep) {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = s.filter(p -> !p.getFileName().toString().startsWith(".")).filter(keep)
                    .limit(MAX_IMAGES + 1L).sorted().toList();
            if (out.size() > MAX_IMAGES) {
                throw problem(dir + " holds more than " + MAX_IMAGES + " entries");
            }
            return out;
        } catch (IOException e) {
            throw problem("cannot list " + dir + ": " + e.getMessage());
        }
    }

    public static SnncException problem(String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.DATA_FILE, Origin.SYNTHETIC, what));
    }

    /** DJL's builder, used only to configure the base class. */
    static final class Builder extends ImageFolderBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
