package dev.snnc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The process's peak resident memory per stage, from Linux's {@code /proc/self/status} (VmHWM: heap,
 * libtorch's native tensors and everything else together, which is what a machine's memory limit
 * sees). {@link #startStage()} resets the peak (writing 5 to {@code /proc/self/clear_refs}) so that each
 * stage reports its own high-water mark rather than the run's so far. Where /proc is missing or
 * not writable (not Linux, some containers) the figures are absent, never guessed.
 */
final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final boolean resettable;

    PeakMemory() {
        this.resettable = reset();
    }

    /** Starts a stage's measurement; the next {@link #stagePeakMib()} covers only what follows. */
    void startStage() {
        reset();
    }

    /**
     * The peak resident memory in MiB since the last {@link #startStage()} (or since the process started
     * where the peak cannot be reset: then only the first stage's figure would be its own, so none is given).
     */
    OptionalDouble stagePeakMib() {
        return resettable ? readPeakMib() : OptionalDouble.empty();
    }

    private static boolean reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    static OptionalDouble readPeakMib() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return OptionalDouble.of(Long.parseLong(kb) / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a status format this code does not know: no figure
        }
        return OptionalDouble.empty();
    }
}
