package dev.snnc.calibration.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HeapReleaseTest {
    /** On glibc (every Linux machine snnc is built and measured on) the native heap is trimmed. */
    @Test
    void trimsTheNativeHeapOnGlibc() {
        boolean glibc = Files.exists(Path.of("/proc/self/status")) && !Files.exists(Path.of("/etc/alpine-release"));
        assertEquals(glibc, HeapRelease.canReturnNativeMemory(), "malloc_trim found");
        assertEquals(glibc, HeapRelease.returnFreeNativeMemory(), "malloc_trim called");
        HeapRelease.afterPhase(); // and the whole boundary step runs without error
    }
}
