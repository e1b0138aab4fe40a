package dev.snnc.calibration.calib;

/** Where long-running work reports progress (the CLI draws bars; tests pass {@link #NONE}). */
public interface ProgressSink {
    ProgressSink NONE = new ProgressSink() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long done) {
        }

        @Override
        public void end() {
        }
    };

    void start(String task, long total);

    /** Absolute amount done in the current task. */
    void advance(long done);

    void end();
}
