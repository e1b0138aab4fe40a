package dev.snnc.calibration.images;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The image files of a class-per-subfolder set, in snnc's order, wherever they are stored: class
 * folders sorted by name (label = position), files within a class sorted by name, and classes
 * interleaved round-robin ({@link #interleave}) so that any prefix holds every class. Implemented
 * for a local folder ({@code SortedImageFolder}, on DJL's image-folder dataset) and, in the
 * distributed module, for a folder Hadoop reads.
 */
public interface ImageFiles {
    /** Largest image file read (a 8192x8192 PNG stays well below). */
    long MAX_FILE_BYTES = 256L << 20;

    int count();

    int classOf(int index);

    /** Class names in label order. */
    List<String> classNames();

    /** Where image {@code index} is (a path or a URI), for messages. */
    String name(int index);

    /** The folder, for messages. */
    String root();

    /** The file's bytes (at most {@link #MAX_FILE_BYTES}). */
    byte[] bytes(int index) throws IOException;

    /** Round-robin over the classes: class 0's first file, class 1's first, …, then each class's second, … */
    static <T> List<Entry<T>> interleave(List<List<T>> perClass) {
        List<Entry<T>> out = new ArrayList<>();
        int longest = perClass.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (int c = 0; c < perClass.size(); c++) {
                if (i < perClass.get(c).size()) {
                    out.add(new Entry<>(perClass.get(c).get(i), c));
                }
            }
        }
        return out;
    }

    /** A file and its class. */
    record Entry<T>(T file, int label) {
    }
}
