package dev.snnc.calibration.calib;

/**
 * Hands the Java heap a finished phase no longer needs back to the operating system. Threshold
 * estimation at 224x224 sorts float arrays of hundreds of MB (humongous objects for G1), and G1 grows
 * its committed heap to find room for them, up to the JVM's default maximum (a quarter of the
 * machine's memory); young collections never shrink it again, so that heap stayed resident under
 * the native libtorch tensors of every later phase (docs/adr/0026: a MobileNetV1-224 compile held
 * 6 GiB of committed heap with 0.5 GiB in use). A full collection at a phase boundary compacts the
 * heap and uncommits what MaxHeapFreeRatio allows. Costs well under a second at these heap sizes and
 * changes no result.
 */
public final class HeapRelease {
    private HeapRelease() {
    }

    /** Below this committed heap a collection has nothing worth returning (28x28 models stay far under it). */
    static final long WORTH_RETURNING_BYTES = 1L << 30;

    /** Called between phases of a batch job, never inside a loop; a no-op while the heap is small. */
    @SuppressWarnings("java:S1215") // explicit GC on purpose: see the class comment
    public static void afterPhase() {
        if (Runtime.getRuntime().totalMemory() >= WORTH_RETURNING_BYTES) {
            System.gc();
        }
    }
}
