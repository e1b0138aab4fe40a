package dev.snnc.distributed;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The JVM's Spark context for a master URL: created on first use (application name {@code snnc},
 * no web UI for {@code local[...]}) and reused. Under {@code spark-submit} the master it set wins
 * and {@code --spark} must name the same one.
 */
final class SparkContexts {
    private static JavaSparkContext current;

    private SparkContexts() {
    }

    static synchronized JavaSparkContext get(String master) {
        if (current != null && !current.sc().isStopped()) {
            if (!current.master().equals(master)) {
                throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, "--spark " + master
                        + " but this JVM already runs a Spark context for " + current.master()));
            }
            return current;
        }
        SparkConf conf = new SparkConf().setAppName("snnc").setIfMissing("spark.master", master);
        if (master.startsWith("local")) {
            conf.setIfMissing("spark.ui.enabled", "false");
        }
        String running = conf.get("spark.master");
        if (!running.equals(master)) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, "--spark " + master
                    + " but spark-submit set the master to " + running).withHint("give both the same master URL"));
        }
        SparkContext sc = SparkContext.getOrCreate(conf);
        if (!sc.master().equals(master)) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, "--spark " + master
                    + " but this JVM already runs a Spark context for " + sc.master()));
        }
        current = JavaSparkContext.fromSparkContext(sc);
        return current;
    }
}
