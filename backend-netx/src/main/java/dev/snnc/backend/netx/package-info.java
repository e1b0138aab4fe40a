/**
 * lava-dl netx backend: legalizes a fixed-point network into the chain of input, conv, flatten and
 * dense blocks that lava-dl's {@code netx.hdf5.Network} builds (stock reset-to-zero LIF, one
 * threshold per layer, biases in steps of 64, no initial potentials) and prints it as netx HDF5
 * with jhdf, plus the host-computed first layer as JSON. Loader and conventions:
 * backend-netx/README.md; decision: docs/adr/0019.
 */
package dev.snnc.backend.netx;
