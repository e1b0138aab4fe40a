/**
 * The Lava-compatible netlist (format {@code snnc-loihi-netlist}): writer from a legalized,
 * core-mapped fixed-point network and reader back into one. Schema: backend-loihi/README.md.
 */
package dev.snnc.backend.loihi.netlist;
