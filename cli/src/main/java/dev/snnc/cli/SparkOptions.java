package dev.snnc.cli;

import picocli.CommandLine.Option;

/** {@code --spark MASTER} and {@code --partitions N}: run the per-image evaluation on Apache Spark (ScaleOut). */
final class SparkOptions {
    @Option(names = "--spark", paramLabel = "MASTER", description = "Spread the images over Apache Spark: local[N] in "
            + "this process, or a cluster master (spark://HOST:7077, yarn) under spark-submit. Same results as one JVM "
            + "(README, 'Scale-out on Spark').")
    String master;

    @Option(names = "--partitions", paramLabel = "N", description = "With --spark: image partitions (default: the "
            + "cluster's parallelism).")
    Integer partitions;

    boolean enabled() {
        return master != null;
    }

    int partitions() {
        if (partitions != null && partitions < 1) {
            throw DataOptions.badOption("--partitions must be at least 1, got " + partitions);
        }
        if (partitions != null && master == null) {
            throw DataOptions.badOption("--partitions applies with --spark MASTER");
        }
        return partitions == null ? 0 : partitions;
    }
}
