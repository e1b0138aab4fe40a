package dev.snnc.calibration.images;

import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an image file's declared size from its header (through the JDK's ImageIO readers, without
 * decoding pixels) so that a small hostile file declaring a gigapixel image is refused before
 * anything allocates for it.
 */
final class ImageHeader {
    /** The most pixels a decoded image may have (an 8192x8192 photo; ImageNet's largest are ~5000x5000). */
    static final long MAX_PIXELS = 8192L * 8192L;

    private ImageHeader() {
    }

    static void requireReasonableSize(String file, byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new java.io.ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw SortedImageFolder.problem("image " + file + " cannot be decoded as PNG or JPEG: no image header found");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w <= 0 || h <= 0 || w * h > MAX_PIXELS) {
                    throw SortedImageFolder.problem("image " + file + " declares " + w + "x" + h + " pixels; at most "
                            + MAX_PIXELS + " pixels are decoded");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof dev.snnc.ir.diag.SnncException s) {
                throw s;
            }
            throw SortedImageFolder.problem("image " + file + " cannot be decoded as PNG or JPEG: " + e.getMessage());
        }
    }
}
