/**
 * FPGA backend: the engine program (one generic convolution descriptor per synapse group, which
 * also expresses dense, pointwise, depthwise, folded-pool and residual layers), its parameter
 * files ({@code $readmemh} memories, a Verilog header, a JSON manifest), the exact cycle model of
 * the reference RTL in {@code backend-fpga/rtl}, a reader back into a fixed-point network, and
 * co-simulation with Icarus Verilog.
 */
package dev.snnc.backend.fpga;
