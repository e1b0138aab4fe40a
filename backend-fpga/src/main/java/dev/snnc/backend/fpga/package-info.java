/**
 * FPGA backend: the engine program (one convolution descriptor per synapse group, which also
 * expresses dense, pointwise, depthwise, folded-pool and residual layers), its layout in the
 * engine's PE-lane block RAMs ({@code EngineLayout}), the parameter files ({@code $readmemh}
 * memories, a Verilog header with the descriptor fields, a JSON manifest), the exact cycle model of
 * the synthesizable engine in {@code rtl/}, a reader back into a fixed-point network,
 * co-simulation with Icarus Verilog and Verilator, and Yosys/nextpnr synthesis reports.
 */
package dev.snnc.backend.fpga;
