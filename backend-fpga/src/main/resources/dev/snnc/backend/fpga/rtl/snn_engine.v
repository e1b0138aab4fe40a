// snnc reference FPGA engine: a time-multiplexed integrate-and-fire engine (Verilog-2005).
//
// It runs the program in desc.mem over the memories written by `snnc compile --target fpga`
// (sizes, widths and addresses in snn_params.vh): input jobs once per image (the first layer
// over pixel bytes, giving each neuron its constant current), then for each of T steps every
// population job and the readout job. A job visits its outputs in batches of PE output channels
// at one position; for each synapse group it gathers every tap (source spike bit or pixel byte
// times weight), shifts the group's sum by the group's exponent (floor for negative), and adds it;
// then it updates the batch:
//   input:      current = sat_B(constant + sum)
//   population: v = sat_V(v + sum + current); spike if v >= threshold[c]; v -= threshold on a spike
//   readout:    logit += sum + bias
// All arithmetic is exact integer arithmetic, as snnc's simulator computes the fpga profile.
// Cycles (counted from start to done) follow CycleModel.java exactly.
`include "snn_params.vh"

module snn_engine #(parameter PE = 1) (
    input  wire        clk,
    input  wire        rst,
    input  wire        start,
    output reg         done,
    output reg  [63:0] cycles
);
    localparam HEADER = 10;
    localparam GROUP  = 18;
    localparam S_IDLE = 3'd0, S_JOB = 3'd1, S_GROUP = 3'd2, S_TAP = 3'd3, S_GEND = 3'd4, S_UPDATE = 3'd5,
               S_DONE = 3'd6;
    localparam K_INPUT = 0, K_POPULATION = 1, K_READOUT = 2;
    localparam signed [63:0] VMAX = (64'sd1 <<< (`SNN_VBITS - 1)) - 1;
    localparam signed [63:0] BMAX = (64'sd1 <<< (`SNN_BBITS - 1)) - 1;

    reg [31:0]              desc   [0:`SNN_N_DESC-1];
    reg [`SNN_WBITS-1:0]    wmem   [0:`SNN_N_WEIGHTS-1];
    reg [15:0]              chan   [0:`SNN_N_CHAN-1];
    reg [`SNN_TBITS-1:0]    thr    [0:`SNN_N_THRESH-1];
    reg [31:0]              bias   [0:`SNN_N_BIAS-1];
    reg [`SNN_VBITS-1:0]    vmem   [0:`SNN_N_NEURONS-1];
    reg [`SNN_BBITS-1:0]    cur    [0:`SNN_N_NEURONS-1];
    reg                     spk    [0:`SNN_N_NEURONS-1];
    reg [7:0]               pix    [0:`SNN_N_PIXELS-1];
    reg signed [63:0]       logits [0:`SNN_N_OUT-1];
    reg [31:0]              spike_count [0:`SNN_N_POPS-1];

    integer i;
    initial begin
        $readmemh("desc.mem", desc);
        $readmemh("weights.mem", wmem);
        $readmemh("chanbase.mem", chan);
        $readmemh("thresh.mem", thr);
        $readmemh("bias.mem", bias);
        $readmemh("vinit.mem", vmem);
        $readmemh("current.mem", cur);
        $readmemh("image.mem", pix);
        for (i = 0; i < `SNN_N_NEURONS; i = i + 1) spk[i] = 1'b0;
        for (i = 0; i < `SNN_N_OUT; i = i + 1) logits[i] = 64'sd0;
        for (i = 0; i < `SNN_N_POPS; i = i + 1) spike_count[i] = 32'd0;
    end

    reg [2:0]  state;
    reg        phase;          // 0: input jobs, 1: step jobs
    reg [31:0] jp, gp;         // descriptor addresses of the job and the group
    reg [31:0] jobs_left, step;
    // job header
    reg [31:0] kind, pop, oc, oh, ow, thrb, biasb, nb, ngroups;
    // batch position and group counter
    reg [31:0] oy, ox, oc0, gi;
    // group descriptor
    reg [31:0] skind, sbase, cin, gh, gw, cg, kh, kw, sh, sw, pt, pl, dh, dw, wbase, chb, k;
    reg signed [31:0] gexp;
    // tap counters
    reg [31:0] ci, ky, kx, tap;
    reg signed [63:0] acc   [0:PE-1];
    reg signed [63:0] total [0:PE-1];

    // per-lane temporaries (blocking, inside the clocked block)
    integer j;
    reg [31:0] ocj, c, n, idx, fires;
    reg signed [63:0] iy, ix, wv, sv, vn, th, cn;

    always @(posedge clk) begin
        if (rst) begin
            state <= S_IDLE;
            done <= 1'b0;
            cycles <= 64'd0;
        end else begin
            if (state != S_IDLE && state != S_DONE) cycles <= cycles + 64'd1;
            case (state)
            S_IDLE: if (start) begin
                step <= 0;
                if (`SNN_INPUT_JOBS > 0) begin
                    phase <= 1'b0; jp <= 0; jobs_left <= `SNN_INPUT_JOBS;
                end else begin
                    phase <= 1'b1; jp <= `SNN_STEP_START; jobs_left <= `SNN_STEP_JOBS;
                end
                state <= S_JOB;
            end
            S_JOB: begin
                kind <= desc[jp]; pop <= desc[jp + 1]; oc <= desc[jp + 2]; oh <= desc[jp + 3]; ow <= desc[jp + 4];
                thrb <= desc[jp + 5]; biasb <= desc[jp + 6]; nb <= desc[jp + 7]; ngroups <= desc[jp + 8];
                oy <= 0; ox <= 0; oc0 <= 0; gi <= 0; gp <= jp + HEADER;
                for (j = 0; j < PE; j = j + 1) total[j] <= 64'sd0;
                state <= (desc[jp + 8] != 0) ? S_GROUP : S_UPDATE;
            end
            S_GROUP: begin
                skind <= desc[gp]; sbase <= desc[gp + 1]; cin <= desc[gp + 2]; gh <= desc[gp + 3]; gw <= desc[gp + 4];
                cg <= desc[gp + 5]; kh <= desc[gp + 6]; kw <= desc[gp + 7]; sh <= desc[gp + 8]; sw <= desc[gp + 9];
                pt <= desc[gp + 10]; pl <= desc[gp + 11]; dh <= desc[gp + 12]; dw <= desc[gp + 13];
                wbase <= desc[gp + 14]; gexp <= desc[gp + 15]; chb <= desc[gp + 16]; k <= desc[gp + 17];
                ci <= 0; ky <= 0; kx <= 0; tap <= 0;
                for (j = 0; j < PE; j = j + 1) acc[j] <= 64'sd0;
                state <= S_TAP;
            end
            S_TAP: begin
                for (j = 0; j < PE; j = j + 1) begin
                    ocj = oc0 + j;
                    if (ocj < oc) begin
                        c = chan[chb + ocj] + ci;
                        iy = $signed({32'd0, oy}) * $signed({32'd0, sh}) - $signed({32'd0, pt})
                             + $signed({32'd0, ky}) * $signed({32'd0, dh});
                        ix = $signed({32'd0, ox}) * $signed({32'd0, sw}) - $signed({32'd0, pl})
                             + $signed({32'd0, kx}) * $signed({32'd0, dw});
                        if (iy >= 0 && iy < $signed({32'd0, gh}) && ix >= 0 && ix < $signed({32'd0, gw})) begin
                            idx = sbase + (c * gh + iy[31:0]) * gw + ix[31:0];
                            wv = $signed(wmem[wbase + ocj * k + tap]);
                            sv = (skind != 0) ? $signed({56'd0, pix[idx]}) : (spk[idx] ? 64'sd1 : 64'sd0);
                            acc[j] <= acc[j] + wv * sv;
                        end
                    end
                end
                tap <= tap + 1;
                if (kx + 1 < kw) kx <= kx + 1;
                else begin
                    kx <= 0;
                    if (ky + 1 < kh) ky <= ky + 1;
                    else begin ky <= 0; ci <= ci + 1; end
                end
                if (tap + 1 == k) state <= S_GEND;
            end
            S_GEND: begin
                for (j = 0; j < PE; j = j + 1)
                    total[j] <= total[j] + ((gexp >= 0) ? (acc[j] <<< gexp) : (acc[j] >>> (-gexp)));
                gi <= gi + 1;
                gp <= gp + GROUP;
                state <= (gi + 1 < ngroups) ? S_GROUP : S_UPDATE;
            end
            S_UPDATE: begin
                fires = 0;
                for (j = 0; j < PE; j = j + 1) begin
                    ocj = oc0 + j;
                    if (ocj < oc) begin
                        n = (ocj * oh + oy) * ow + ox;
                        if (kind == K_INPUT) begin
                            cn = $signed(bias[biasb + n]) + total[j];
                            cur[nb + n] <= (cn > BMAX) ? BMAX[`SNN_BBITS-1:0] : (cn < -BMAX) ? -BMAX : cn[`SNN_BBITS-1:0];
                        end else if (kind == K_POPULATION) begin
                            vn = $signed(vmem[nb + n]) + total[j] + $signed(cur[nb + n]);
                            if (vn > VMAX) vn = VMAX;
                            if (vn < -VMAX) vn = -VMAX;
                            th = $signed({32'd0, {(32 - `SNN_TBITS){1'b0}}, thr[thrb + ocj]});
                            if (vn >= th) begin
                                vmem[nb + n] <= vn - th;
                                spk[nb + n] <= 1'b1;
                                fires = fires + 1;
                            end else begin
                                vmem[nb + n] <= vn;
                                spk[nb + n] <= 1'b0;
                            end
                        end else begin
                            logits[ocj] <= logits[ocj] + total[j] + $signed(bias[biasb + ocj]);
                        end
                    end
                end
                if (kind == K_POPULATION) spike_count[pop] <= spike_count[pop] + fires;
                for (j = 0; j < PE; j = j + 1) total[j] <= 64'sd0;
                gi <= 0;
                gp <= jp + HEADER;
                if (oc0 + PE < oc) begin
                    oc0 <= oc0 + PE;
                    state <= (ngroups != 0) ? S_GROUP : S_UPDATE;
                end else if (ox + 1 < ow) begin
                    oc0 <= 0; ox <= ox + 1;
                    state <= (ngroups != 0) ? S_GROUP : S_UPDATE;
                end else if (oy + 1 < oh) begin
                    oc0 <= 0; ox <= 0; oy <= oy + 1;
                    state <= (ngroups != 0) ? S_GROUP : S_UPDATE;
                end else if (jobs_left > 1) begin
                    jobs_left <= jobs_left - 1;
                    jp <= jp + HEADER + ngroups * GROUP;
                    state <= S_JOB;
                end else if (phase == 1'b0 || step + 1 < `SNN_T) begin
                    if (phase == 1'b1) step <= step + 1;
                    phase <= 1'b1;
                    jp <= `SNN_STEP_START;
                    jobs_left <= `SNN_STEP_JOBS;
                    state <= S_JOB;
                end else begin
                    state <= S_DONE;
                    done <= 1'b1;
                end
            end
            default: ;
            endcase
        end
    end
endmodule
