package dev.snnc.distributed;

import dev.snnc.calibration.images.ImageFiles;
import dev.snnc.calibration.images.SortedImageFolder;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A class-per-subfolder image folder on a file system Hadoop reads ({@code hdfs://}, {@code file://}):
 * listed by name in the same order as a local folder ({@link ImageFiles}: sorted classes and files,
 * classes interleaved), each image's bytes read on demand, so an executor reads only its partition's
 * files. A folder split into {@code train/} and {@code test/} (or {@code val/}) is read per split, as
 * locally.
 */
final class HadoopImageFolder implements ImageFiles {
    private final FileSystem fs;
    private final String root;
    private final List<String> classes;
    private final List<ImageFiles.Entry<FileStatus>> items;

    private HadoopImageFolder(FileSystem fs, String root, List<String> classes, List<ImageFiles.Entry<FileStatus>> items) {
        this.fs = fs;
        this.root = root;
        this.classes = classes;
        this.items = items;
    }

    /** True when the directory at {@code uri} holds subdirectories (an image folder, not IDX or CIFAR files). */
    static boolean isImageFolder(String uri) {
        try {
            FileSystem fs = FileSystem.get(new URI(uri), new Configuration());
            return !directories(fs, new Path(new URI(uri))).isEmpty();
        } catch (URISyntaxException | IOException e) {
            throw SortedImageFolder.problem("--data " + uri + " cannot be listed: " + e.getMessage());
        }
    }

    static HadoopImageFolder open(String uri, String split) {
        try {
            FileSystem fs = FileSystem.get(new URI(uri), new Configuration());
            Path dir = new Path(new URI(uri));
            List<FileStatus> top = directories(fs, dir);
            Set<String> splits = Set.of("train", "test", "val");
            if (top.stream().anyMatch(d -> splits.contains(d.getPath().getName()))) {
                List<String> wanted = split.equals("TRAIN") ? List.of("train") : List.of("test", "val");
                FileStatus chosen = top.stream().filter(d -> wanted.contains(d.getPath().getName()))
                        .min(Comparator.comparing(d -> wanted.indexOf(d.getPath().getName()))).orElseThrow(() ->
                                SortedImageFolder.problem("image folder " + uri + " is split into train/test subfolders "
                                        + "but has no " + String.join(" or ", wanted) + "/ subfolder"));
                dir = chosen.getPath();
                top = directories(fs, dir);
            }
            List<String> classes = new ArrayList<>();
            List<List<FileStatus>> perClass = new ArrayList<>();
            long total = 0;
            for (FileStatus c : top) {
                List<FileStatus> images = new ArrayList<>();
                for (FileStatus f : fs.listStatus(c.getPath())) {
                    if (f.isFile() && SortedImageFolder.isImageName(f.getPath().getName())) {
                        images.add(f);
                    }
                }
                if (images.isEmpty()) {
                    throw SortedImageFolder.problem("class folder " + c.getPath() + " holds no .png or .jpg images (every "
                            + "class subfolder needs at least one; remove the folder or add its images)");
                }
                total += images.size();
                if (total > SortedImageFolder.MAX_IMAGES) {
                    throw SortedImageFolder.problem(uri + " holds more than " + SortedImageFolder.MAX_IMAGES + " images");
                }
                images.sort(Comparator.comparing(f -> f.getPath().getName()));
                classes.add(c.getPath().getName());
                perClass.add(images);
            }
            if (classes.isEmpty()) {
                throw SortedImageFolder.problem("image folder " + uri + " has no class subfolders");
            }
            return new HadoopImageFolder(fs, dir.toString(), List.copyOf(classes), ImageFiles.interleave(perClass));
        } catch (URISyntaxException | IOException e) {
            throw SortedImageFolder.problem("image folder " + uri + " cannot be listed: " + e.getMessage());
        }
    }

    /** Subdirectories not starting with '.', sorted by name. */
    private static List<FileStatus> directories(FileSystem fs, Path dir) throws IOException {
        List<FileStatus> out = new ArrayList<>();
        for (FileStatus f : fs.listStatus(dir)) {
            if (f.isDirectory() && !f.getPath().getName().startsWith(".")) {
                out.add(f);
            }
        }
        out.sort(Comparator.comparing(f -> f.getPath().getName()));
        return out;
    }

    @Override
    public int count() {
        return items.size();
    }

    @Override
    public int classOf(int index) {
        return items.get(index).label();
    }

    @Override
    public List<String> classNames() {
        return classes;
    }

    @Override
    public String name(int index) {
        return items.get(index).file().getPath().toString();
    }

    @Override
    public String root() {
        return root;
    }

    @Override
    public byte[] bytes(int index) throws IOException {
        FileStatus f = items.get(index).file();
        if (f.getLen() > MAX_FILE_BYTES) {
            throw SortedImageFolder.problem("image " + f.getPath() + " has " + f.getLen() + " bytes; at most "
                    + MAX_FILE_BYTES + " are read");
        }
        try (InputStream in = fs.open(f.getPath())) {
            return in.readNBytes((int) f.getLen());
        }
    }
}
