/**
 * Target profiles: the exact integer arithmetic and resource limits of each hardware target, as
 * typed data shared by quantize, simulator and backends.
 */
package dev.snnc.ir.target;
