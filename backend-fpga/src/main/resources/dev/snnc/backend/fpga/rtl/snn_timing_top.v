// Wrapper for a timing estimate only (snnc's --timing flow), not for a board: the engine's wide
// host ports are folded into a few pins so that a small device's package can hold the design. The
// readout word, spike counter and cycle count are XOR-reduced into one registered byte, which keeps
// all of their logic in the netlist.
`include "snn_params.vh"
module snn_timing_top (
    input  wire       clk,
    input  wire       rst,
    input  wire       start,
    input  wire       img_we,
    input  wire [7:0] img_addr,
    input  wire [7:0] img_data,
    input  wire [3:0] host_addr,
    output reg  [7:0] probe,
    output wire       done
);
    localparam OUT = `SNN_PE * `SNN_ACC_BITS;
    wire [OUT-1:0] logit_word;
    wire [31:0]    spike_count;
    wire [63:0]    cycles;
    snn_engine engine (.clk(clk), .rst(rst), .start(start), .img_we(img_we), .img_addr({24'd0, img_addr}),
                       .img_data(img_data), .host_addr({28'd0, host_addr}), .logit_word(logit_word),
                       .spike_count(spike_count), .done(done), .cycles(cycles));
    reg [7:0] fold;
    integer i;
    always @* begin
        fold = 8'd0;
        for (i = 0; i < OUT; i = i + 8) fold = fold ^ logit_word[i +: 8];
        for (i = 0; i < 32; i = i + 8) fold = fold ^ spike_count[i +: 8];
        for (i = 0; i < 64; i = i + 8) fold = fold ^ cycles[i +: 8];
    end
    always @(posedge clk) probe <= fold;
endmodule
