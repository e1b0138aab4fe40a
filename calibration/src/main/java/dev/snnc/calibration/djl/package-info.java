/**
 * Float execution of IR graphs on DJL's PyTorch engine: parameters uploaded once, per-batch
 * sub-managers for flat native memory, and evaluation helpers. DJL types stay inside this module.
 */
package dev.snnc.calibration.djl;
