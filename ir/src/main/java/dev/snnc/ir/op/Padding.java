package dev.snnc.ir.op;

/** Zero padding added around a feature map before a windowed op, in pixels per side. */
public record Padding(int top, int left, int bottom, int right) {
    public static final Padding NONE = new Padding(0, 0, 0, 0);

    public Padding {
        if (top < 0 || left < 0 || bottom < 0 || right < 0) {
            throw new IllegalArgumentException("padding must be non-negative: " + top + "," + left + "," + bottom + "," + right);
        }
    }

    public boolean isSymmetric() {
        return top == bottom && left == right;
    }

    @Override
    public String toString() {
        return top + "," + left + "," + bottom + "," + right;
    }
}
