package dev.snnc.ir;

/** The first images of another set: what {@code --limit} and {@code --eval-images} select. */
final class ImagePrefix implements ImageSet {
    private final ImageSet base;
    private final int count;

    ImagePrefix(ImageSet base, int count) {
        if (count < 0 || count > base.size()) {
            throw new IllegalArgumentException("prefix of " + count + " images from a set of " + base.size());
        }
        this.base = base;
        this.count = count;
    }

    @Override
    public String source() {
        return base.source() + "[0:" + count + "]";
    }

    @Override
    public Shape imageShape() {
        return base.imageShape();
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public int label(int index) {
        if (index >= count) {
            throw new IndexOutOfBoundsException(index + " of " + count);
        }
        return base.label(index);
    }

    @Override
    public float[] batch(int start, int n, Preprocessing preprocessing) {
        if (start + n > count) {
            throw new IndexOutOfBoundsException("images " + start + ".." + (start + n) + " of " + count);
        }
        return base.batch(start, n, preprocessing);
    }

    @Override
    public ImageSet first(int n) {
        return base.first(Math.min(n, count));
    }
}
