package dev.snnc.cli;

import java.util.function.IntConsumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress on stderr: a redrawn bar on a terminal; plain lines at most every {@value #LINE_SECONDS}
 * seconds (and one at the end) when stderr is a log or a pipe, so no carriage returns reach it;
 * nothing when quiet. Closing it ends the bar or prints the last line.
 */
final class Progress implements AutoCloseable {
    static final int LINE_SECONDS = 10;
    private final ProgressBar bar;
    private final Lines lines;

    private Progress(ProgressBar bar, Lines lines) {
        this.bar = bar;
        this.lines = lines;
    }

    static Progress start(String task, long total, String unit, boolean enabled) {
        if (!enabled) {
            return new Progress(null, null);
        }
        if (System.console() == null) {
            return new Progress(null, new Lines(task, total, unit));
        }
        return new Progress(new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build(), null);
    }

    /** Plain progress lines for logs. */
    private static final class Lines {
        private final String task;
        private final long total;
        private final String unit;
        private final long started = System.nanoTime();
        private long lastPrinted = System.nanoTime();
        private long done;
        private long printedDone = -1;

        Lines(String task, long total, String unit) {
            this.task = task;
            this.total = total;
            this.unit = unit;
        }

        synchronized void stepTo(long value) {
            done = value;
            if (System.nanoTime() - lastPrinted >= LINE_SECONDS * 1_000_000_000L) {
                print();
            }
        }

        /** The final line, unless the last periodic line already said the same. */
        synchronized void printFinal() {
            if (done != printedDone) {
                print();
            }
        }

        synchronized void print() {
            lastPrinted = System.nanoTime();
            printedDone = done;
            System.err.printf(java.util.Locale.ROOT, "snnc: %s %d/%d%s (%.0f s)%n", task, done, total,
                    unit.isEmpty() ? "" : " " + unit, (lastPrinted - started) / 1e9);
        }
    }

    /** A callback that sets the absolute amount done. */
    IntConsumer reporter() {
        return done -> {
            if (bar != null) {
                bar.stepTo(done);
            } else if (lines != null) {
                lines.stepTo(done);
            }
        };
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        } else if (lines != null) {
            lines.printFinal();
        }
    }
}
