// snnc engine memory: one synchronous read port and one write port, the ports a block RAM has
// (Xilinx simple dual port, iCE40 SB_RAM40_4K, generic $mem). The read data register holds its
// value while re is low, which the engine relies on between issuing a read and using it.
// A nonempty INIT names a $readmemh file with exactly D words.
module snn_ram #(
    parameter W = 8,
    parameter D = 1,
    parameter AW = 1,
    parameter INIT = ""
) (
    input  wire          clk,
    input  wire          we,
    input  wire [AW-1:0] wa,
    input  wire [W-1:0]  wd,
    input  wire          re,
    input  wire [AW-1:0] ra,
    output reg  [W-1:0]  q
);
    reg [W-1:0] mem [0:D-1];

    initial begin
        if (INIT != "") $readmemh(INIT, mem);
    end

    always @(posedge clk) begin
        if (we) mem[wa] <= wd;
        if (re) q <= mem[ra];
    end
endmodule
