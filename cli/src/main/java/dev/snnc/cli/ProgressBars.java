package dev.snnc.cli;

import dev.snnc.calibration.calib.ProgressSink;

/** Adapts {@link Progress} bars to the calibration module's {@link ProgressSink}. */
final class ProgressBars implements ProgressSink {
    private final boolean enabled;
    private Progress current;

    ProgressBars(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public void start(String task, long total) {
        end();
        current = Progress.start(task, total, "", enabled);
    }

    @Override
    public void advance(long done) {
        if (current != null) {
            current.reporter().accept((int) done);
        }
    }

    @Override
    public void end() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
