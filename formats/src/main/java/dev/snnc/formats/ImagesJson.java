package dev.snnc.formats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * Images as the Python loaders read them ({@code backend-loihi/lava/snnc_lava.py},
 * {@code backend-netx/netx/snnc_netx.py}): {@code {"images": [[pixel bytes, C*H*W row-major], ...],
 * "labels": [...]}}, the dataset's own integers before any preprocessing.
 */
public final class ImagesJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ImagesJson() {
    }

    public static void write(ImageSet images, Path file) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode pixels = root.putArray("images");
        ArrayNode labels = root.putArray("labels");
        for (int i = 0; i < images.size(); i++) {
            ArrayNode img = pixels.addArray();
            for (float v : images.batch(i, 1, Preprocessing.RAW_BYTES)) {
                img.add(Math.round(v));
            }
            labels.add(images.label(i));
        }
        try {
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
