/**
 * Loihi/Lava backend: legalization of a fixed-point network into what Lava's Dense, Conv and LIF
 * processes express (legalization in {@link dev.snnc.ir.fx.legalize}), core and chip mapping
 * ({@link dev.snnc.backend.loihi.mapping}), and the versioned JSON netlist with its reader
 * ({@link dev.snnc.backend.loihi.netlist}). Schema: backend-loihi/README.md.
 */
package dev.snnc.backend.loihi;
