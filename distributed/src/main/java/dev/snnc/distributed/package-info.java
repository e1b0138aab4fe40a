/**
 * Scale-out on Apache Spark, the only module that depends on it: {@code --spark MASTER} on
 * {@code eval} and {@code simulate} splits the image set into contiguous partitions, broadcasts the
 * model's bytes, builds one executor (DJL or the bit-exact simulator) per partition, and merges the
 * partial results in partition order into the report a single JVM gives.
 */
package dev.snnc.distributed;
