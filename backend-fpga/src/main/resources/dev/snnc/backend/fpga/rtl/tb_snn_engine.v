// Testbench: runs one image (image.mem in the working directory) and prints the cycle count,
// the readout sums and each population's spike total, one per line, for snnc cosim to parse.
`include "snn_params.vh"
`timescale 1ns/1ps
module tb;
    parameter PE = 1;
    reg clk = 1'b0, rst = 1'b1, start = 1'b0;
    wire done;
    wire [63:0] cycles;
    integer i;
    snn_engine #(.PE(PE)) dut (.clk(clk), .rst(rst), .start(start), .done(done), .cycles(cycles));
    always #5 clk = ~clk;
    initial begin
        #12 rst = 1'b0;
        #10 start = 1'b1;
        #10 start = 1'b0;
        wait (done);
        #1;
        $display("CYCLES %0d", cycles);
        for (i = 0; i < `SNN_N_OUT; i = i + 1) $display("LOGIT %0d %0d", i, dut.logits[i]);
        for (i = 0; i < `SNN_N_POPS; i = i + 1) $display("SPIKES %0d %0d", i, dut.spike_count[i]);
        $finish;
    end
endmodule
