package dev.snnc.ir;

/**
 * Images {@code from..from+count} of another set: what {@code --limit} and {@code --eval-images}
 * select (from 0), and one partition of a distributed run.
 */
final class ImageRange implements ImageSet {
    private final ImageSet base;
    private final int from;
    private final int count;

    ImageRange(ImageSet base, int from, int count) {
        if (from < 0 || count < 0 || (long) from + count > base.size()) {
            throw new IllegalArgumentException("images " + from + ".." + ((long) from + count) + " of a set of "
                    + base.size());
        }
        this.base = base;
        this.from = from;
        this.count = count;
    }

    @Override
    public String source() {
        return base.source() + "[" + from + ":" + (from + count) + "]";
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
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException(index + " of " + count);
        }
        return base.label(from + index);
    }

    @Override
    public float[] batch(int start, int n, Preprocessing preprocessing) {
        if (start < 0 || n < 0 || start + n > count) {
            throw new IndexOutOfBoundsException("images " + start + ".." + (start + n) + " of " + count);
        }
        return base.batch(from + start, n, preprocessing);
    }

    @Override
    public ImageSet range(int start, int end) {
        if (start < 0 || end < start || end > count) {
            throw new IllegalArgumentException("images " + start + ".." + end + " of a set of " + count);
        }
        return base.range(from + start, from + end);
    }
}
