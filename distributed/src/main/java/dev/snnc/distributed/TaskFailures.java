package dev.snnc.distributed;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.TaskContext;

/**
 * How a Spark job's failure reaches the user: a task that met bad input threw an {@code SNNC-E}
 * diagnostic; Spark wraps it (as the exception, or only its text when it comes from another JVM),
 * and the driver rethrows that diagnostic, not Spark's stack trace. Also the test hook that fails a
 * task's first attempt, to check that a retried task gives the same result.
 */
final class TaskFailures {
    /** System property (read on the driver): fail the first attempt of partition 0 once. Tests only. */
    static final String FAIL_FIRST_ATTEMPT = "snnc.test.failFirstAttempt";
    private static final Pattern CODE = Pattern.compile("(SNNC-E\\d{3})(?: at [^:]*)?: ([^\\n]*)");

    private TaskFailures() {
    }

    /** In a task: throws on partition 0's first attempt when {@code failOnce} (the driver's test hook). */
    static void injectOnce(boolean failOnce, int partition) {
        TaskContext task = TaskContext.get();
        if (failOnce && partition == 0 && task != null && task.attemptNumber() == 0) {
            throw new IllegalStateException("snnc test hook: first attempt of partition 0 fails (" + FAIL_FIRST_ATTEMPT + ")");
        }
    }

    /** The SNNC-E diagnostic inside {@code e} (as an exception or as text), else {@code e} itself. */
    static RuntimeException unwrap(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SnncException s) {
                return s;
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            Matcher m = CODE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                for (DiagnosticCode c : DiagnosticCode.values()) {
                    if (c.code().equals(m.group(1))) {
                        return new SnncException(Diagnostic.of(c, Origin.SYNTHETIC, m.group(2) + " (in a Spark task)"));
                    }
                }
            }
        }
        return e;
    }
}
