package dev.snnc.calibration.calib;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;

/**
 * Hands memory a finished phase no longer needs back to the operating system, at phase boundaries.
 *
 * <p>Java heap: threshold estimation at 224x224 sorts float arrays of hundreds of MB (humongous
 * objects for G1), and G1 grows its committed heap to find room for them, up to the JVM's default
 * maximum (a quarter of the machine's memory); young collections never shrink it again, so that heap
 * stayed resident under the native libtorch tensors of every later phase (docs/adr/0026: a
 * MobileNetV1-224 compile held 6 GiB of committed heap with 0.5 GiB in use). A full collection
 * compacts the heap and uncommits what MaxHeapFreeRatio allows.
 *
 * <p>Native heap: libtorch's tensors come from glibc's malloc, which keeps freed blocks in its arenas
 * for reuse instead of returning them (3.6 GB during the 224x224 quantization, left over from the
 * libtorch stages before it). {@code malloc_trim(0)} gives the free pages of every arena back
 * (docs/adr/0028). Called through JNA, which DJL already ships; where the C library has no such
 * function (not glibc) nothing is trimmed.
 *
 * <p>Neither step changes a result.
 */
public final class HeapRelease {
    /** Below this committed heap a collection has nothing worth returning (28x28 models stay far under it). */
    static final long WORTH_RETURNING_BYTES = 1L << 30;

    private static final Function MALLOC_TRIM = mallocTrim();

    private HeapRelease() {
    }

    /** Called between phases of a batch job, never inside a loop. */
    @SuppressWarnings("java:S1215") // explicit GC on purpose: see the class comment
    public static void afterPhase() {
        if (Runtime.getRuntime().totalMemory() >= WORTH_RETURNING_BYTES) {
            System.gc();
        }
        returnFreeNativeMemory();
    }

    /** glibc's {@code malloc_trim(0)}; true if it ran (it exists on this platform). */
    static boolean returnFreeNativeMemory() {
        if (MALLOC_TRIM == null) {
            return false;
        }
        MALLOC_TRIM.invokeInt(new Object[] {0});
        return true;
    }

    /** True where {@code malloc_trim} exists: glibc, i.e. the Linux machines snnc is measured on. */
    static boolean canReturnNativeMemory() {
        return MALLOC_TRIM != null;
    }

    private static Function mallocTrim() {
        try {
            return NativeLibrary.getInstance("c").getFunction("malloc_trim");
        } catch (UnsatisfiedLinkError e) {
            return null; // not glibc (macOS, musl): the native heap is left as the allocator keeps it
        }
    }
}
