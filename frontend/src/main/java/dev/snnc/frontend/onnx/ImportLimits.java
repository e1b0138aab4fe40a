package dev.snnc.frontend.onnx;

/**
 * What an imported model may ask for, so that a hostile file cannot make the importer or libtorch
 * allocate without bound. Generous for real networks; each is raised with a system property of the
 * name given in its message (through the launcher's {@code SNNC_JAVA_OPTS}).
 */
final class ImportLimits {
    /** Kernel height or width. */
    static final int MAX_KERNEL = Integer.getInteger("snnc.limit.kernel", 64);
    /** Stride or dilation. */
    static final int MAX_STRIDE = Integer.getInteger("snnc.limit.stride", 64);
    /** Padding on one side. */
    static final int MAX_PADDING = Integer.getInteger("snnc.limit.padding", 256);

    private ImportLimits() {
    }

    /** Every value within {@code min..max}; SNNC-E102 naming the attribute, the values and the limit's property otherwise. */
    static void requireRange(OnnxAttributes attrs, String name, int[] values, int min, int max, String property) {
        for (int v : values) {
            if (v < min || v > max) {
                throw attrs.unsupported(name + " " + java.util.Arrays.toString(values) + " must be in " + min + ".." + max
                        + (v > max ? " (limit " + property + "=" + max + "; raise it with -D" + property + "=N in SNNC_JAVA_OPTS)"
                        : ""));
            }
        }
    }
}
