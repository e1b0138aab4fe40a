// Testbench: runs IMAGES images back to back (IMAGES x SNN_N_PIXELS bytes in image.mem, written
// through the engine's pixel port) and prints, per image, the cycle count, the readout sums and each
// population's spike total, one per line, for snnc cosim to parse. Back-to-back images check that
// an image's initialisation leaves nothing of the previous one.
`include "snn_params.vh"
`timescale 1ns/1ps
module tb_snn_engine;
    parameter IMAGES = 1;
    localparam PE = `SNN_PE;
    localparam AB = `SNN_ACC_BITS;
    reg clk = 1'b0, rst = 1'b1, start = 1'b0, img_we = 1'b0;
    reg [31:0] img_addr = 32'd0, host_addr = 32'd0;
    reg [7:0] img_data = 8'd0;
    wire done;
    wire [63:0] cycles;
    wire [PE*AB-1:0] logit_word;
    wire [31:0] spike_count;
    reg [7:0] pixels [0:IMAGES*`SNN_N_PIXELS-1];
    integer n, i;
    snn_engine dut (.clk(clk), .rst(rst), .start(start), .img_we(img_we), .img_addr(img_addr), .img_data(img_data),
                    .host_addr(host_addr), .logit_word(logit_word), .spike_count(spike_count), .done(done),
                    .cycles(cycles));
    // Waiver (BLKSEQ): the testbench's free-running clock, not design logic
    /* verilator lint_off BLKSEQ */
    always #5 clk = ~clk;
    /* verilator lint_on BLKSEQ */
    initial begin
        $readmemh("image.mem", pixels);
        @(negedge clk);
        @(negedge clk) rst = 1'b0;
        for (n = 0; n < IMAGES; n = n + 1) begin
            for (i = 0; i < `SNN_N_PIXELS; i = i + 1) begin
                @(negedge clk);
                img_we = 1'b1; img_addr = i; img_data = pixels[n * `SNN_N_PIXELS + i];
            end
            @(negedge clk);
            img_we = 1'b0; start = 1'b1;
            @(negedge clk);
            start = 1'b0;
            wait (done);
            @(negedge clk);
            $display("IMAGE %0d", n);
            $display("CYCLES %0d", cycles);
            for (i = 0; i < `SNN_N_OUT; i = i + 1) begin
                host_addr = i / PE;
                @(negedge clk);
                $display("LOGIT %0d %0d", i, $signed(logit_word[(i % PE) * AB +: AB]));
            end
            for (i = 0; i < `SNN_N_POPS; i = i + 1) begin
                host_addr = i;
                @(negedge clk);
                $display("SPIKES %0d %0d", i, spike_count);
            end
        end
        $finish;
    end
endmodule
