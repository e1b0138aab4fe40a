package dev.snnc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process's peak resident memory per stage: a daemon thread reads VmRSS from Linux's
 * {@code /proc/self/status} every {@link #PERIOD_MS} ms (heap, libtorch's native tensors and
 * everything else together, which is what a machine's memory limit sees) and keeps the stage's
 * maximum. Sampling rather than resetting the kernel's high-water mark (clear_refs) because a reset
 * would also reset what {@code /usr/bin/time} reports for the whole run. Where /proc is missing (not
 * Linux) the figures are absent, never guessed.
 */
final class PeakMemory implements AutoCloseable {
    static final long PERIOD_MS = 50;
    private static final Path STATUS = Path.of("/proc/self/status");

    private final AtomicLong stageMaxKb = new AtomicLong();
    private final Thread sampler;

    PeakMemory() {
        long now = residentKb();
        stageMaxKb.set(now);
        if (now < 0) {
            sampler = null;
            return;
        }
        sampler = new Thread(this::sample, "snnc-peak-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            long kb = residentKb();
            stageMaxKb.accumulateAndGet(kb, Math::max);
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Starts a stage's measurement: the next {@link #stagePeakMib()} covers only what follows. */
    void startStage() {
        stageMaxKb.set(residentKb());
    }

    /** The largest resident size seen since {@link #startStage()}, in MiB; empty off Linux. */
    OptionalDouble stagePeakMib() {
        if (sampler == null) {
            return OptionalDouble.empty();
        }
        long kb = stageMaxKb.accumulateAndGet(residentKb(), Math::max);
        return OptionalDouble.of(kb / 1024.0);
    }

    @Override
    public void close() {
        if (sampler != null) {
            sampler.interrupt();
        }
    }

    /** VmRSS in kB, or -1 where /proc/self/status is missing or has no such line. */
    static long residentKb() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or a status format this code does not know: no figure
        }
        return -1;
    }
}
