// snnc FPGA engine: a time-multiplexed integrate-and-fire engine with PE output lanes (Verilog-2005,
// synthesizable).
//
// It runs the program in desc.mem over the memories written by `snnc compile --target fpga`
// (lanes, widths, depths and descriptor field indices in snn_params.vh). An image starts by
// initialising the neuron memories, then runs the input jobs once (the first layer over pixel
// bytes gives each neuron its constant current) and, for each of T steps, every population job
// and the readout job. Nothing is copied per image: at the first step a population starts from its
// initial potential (channel words, or neuron_init.mem where it varies within a channel) and the
// readout sums and spike counters from zero, so images run back to back. A job visits its outputs in batches of PE output channels at one position;
// for each synapse group it gathers every tap (source spike bit or pixel byte times weight),
// shifts the group's sum by the group's exponent (floor for negative) and adds it; then it
// updates the batch:
//   input:      current = sat_B(constant + sum)
//   population: v = sat_V(v + sum + current); spike if v >= threshold[c]; v -= threshold on a spike
//   readout:    logit += sum + bias
// All arithmetic is exact integer arithmetic, as snnc's simulator computes the fpga profile.
// Cycles (counted from start to done) follow CycleModel.java exactly.
//
// Every memory is an snn_ram (one synchronous read port, one write port) holding one PE-lane word
// per address, so a lane never needs a port of its own: weights per (group, channel batch, tap),
// neurons per (channel batch, row, column), thresholds and initial values per channel batch. Lanes share the
// source channel (pixels, or spikes of a groups=1 convolution: one bit of the word is broadcast) or
// read their own channel of the same word (depthwise). Addresses are sums of registers; the only
// multipliers are the pixel-times-weight products (one per lane) and five small ones that set up a
// group's window once per batch.
`include "snn_params.vh"

module snn_engine (
    input  wire                                clk,
    input  wire                                rst,
    input  wire                                start,
    // host: pixel bytes are written while the engine is idle; results are read the cycle after
    // host_addr is set, while idle (readout sums: one word of PE lanes; spike counters: one each)
    input  wire                                img_we,
    /* verilator lint_off UNUSEDSIGNAL */ // 32-bit host address; the pixel memory uses its low bits
    input  wire [31:0]                         img_addr,
    /* verilator lint_on UNUSEDSIGNAL */
    input  wire [7:0]                          img_data,
    input  wire [31:0]                         host_addr,
    output wire [`SNN_PE*`SNN_ACC_BITS-1:0]    logit_word,
    output wire [31:0]                         spike_count,
    output reg                                 done,
    output reg  [63:0]                         cycles
);
    localparam PE = `SNN_PE;
    localparam WB = `SNN_WBITS;
    localparam TB = `SNN_TBITS;
    localparam BB = `SNN_BBITS;
    localparam VB = `SNN_VBITS;
    localparam IB = `SNN_BIAS_BITS;
    localparam AB = `SNN_ACC_BITS;
    localparam DB = 32 * `SNN_DESC_FIELDS;
    localparam DESC_AW = (`SNN_N_DESC > 1) ? $clog2(`SNN_N_DESC) : 1;
    localparam W_AW = (`SNN_N_WEIGHTS > 1) ? $clog2(`SNN_N_WEIGHTS) : 1;
    localparam CH_AW = (`SNN_N_CHAN > 1) ? $clog2(`SNN_N_CHAN) : 1;
    localparam I_AW = (`SNN_N_INIT > 1) ? $clog2(`SNN_N_INIT) : 1;
    localparam CU_AW = (`SNN_N_CUR > 1) ? $clog2(`SNN_N_CUR) : 1;
    localparam CB = TB + VB + BB;                        // channel word bits per lane
    localparam B_AW = (`SNN_N_BIAS > 1) ? $clog2(`SNN_N_BIAS) : 1;
    localparam N_AW = (`SNN_N_NEURONS > 1) ? $clog2(`SNN_N_NEURONS) : 1;
    localparam P_AW = (`SNN_N_PIXELS > 1) ? $clog2(`SNN_N_PIXELS) : 1;
    localparam O_AW = (`SNN_N_OUT_WORDS > 1) ? $clog2(`SNN_N_OUT_WORDS) : 1;
    localparam C_AW = (`SNN_N_POPS > 1) ? $clog2(`SNN_N_POPS) : 1;

    localparam LW = (PE > 1) ? $clog2(PE) : 1;          // bits of a lane index
    localparam [1:0] M_PIXELS = 2'd0, M_DEPTHWISE = 2'd2;
    localparam [1:0] K_INPUT = 2'd0, K_POPULATION = 2'd1, K_READOUT = 2'd2;
    localparam [3:0] S_IDLE = 4'd0, S_JOB0 = 4'd2, S_JOB1 = 4'd3, S_BATCH = 4'd4, S_GLOAD = 4'd5,
                     S_TAP = 4'd6, S_DRAIN = 4'd7, S_GEND = 4'd8, S_UPDATE = 4'd9, S_JEND = 4'd10, S_DONE = 4'd11;
    localparam signed [AB-1:0] VMAX = (64'sd1 <<< (VB - 1)) - 64'sd1;
    localparam signed [AB-1:0] BMAX = (64'sd1 <<< (BB - 1)) - 64'sd1;

    reg  [3:0] state;
    wire       running = state != S_IDLE && state != S_DONE;

    // ---- control registers ------------------------------------------------------------------
    reg        phase;                        // 0: input jobs, 1: step jobs
    reg [31:0] step, jp, gp, jobs_left;
    reg        first_step;                           // step 0 of the step jobs: state starts from its initial values
    reg [1:0]  kind;
    /* verilator lint_off UNUSEDSIGNAL */ // pop is a 32-bit field; the counter memory uses its low C_AW bits
    reg [31:0] pop;
    /* verilator lint_on UNUSEDSIGNAL */
    reg [31:0] oh, ow, ngroups, chanw, biasw, nbw, initw, curw;  // job header
    reg        per_neuron_init, input_driven;
    reg [31:0] b, oy, ox, bi, gi, lane_limit, fires;     // batch position, group counter, spikes of the job
    reg signed [31:0] y0, x0, row0, choff, wa;           // a group's window origin and weight address
    reg [31:0] ci, cbit, ky, kx, tap;                   // tap counters
    reg signed [31:0] yk, xk, ykgw;                      // ky*dh, kx*dw, ky*dh*gw
    reg        valid_d;                                  // the word read last cycle is an in-bounds tap
    reg [LW-1:0] lane_d;                                 // its broadcast lane

    // ---- memories -----------------------------------------------------------------------------
    // Waiver (UNUSEDSIGNAL, to the end of the address logic): fields and addresses are 32 bits and a
    // memory uses the low bits that address its depth; snnc sizes every memory to what the descriptors
    // address (ParameterReader refuses a directory whose descriptors address beyond a memory).
    /* verilator lint_off UNUSEDSIGNAL */
    wire [DB-1:0]      desc_q;
    wire [PE*WB-1:0]   w_q;
    wire [PE*CB-1:0]   chan_q;
    wire [PE*IB-1:0]   bias_q;
    wire [PE*(VB+BB)-1:0] init_q;
    wire [PE*VB-1:0]   vmem_q;
    wire [PE*BB-1:0]   cur_q;
    wire [PE-1:0]      spk_q;
    wire [7:0]         pix_q;
    wire [PE*AB-1:0]   logit_q;
    wire [31:0]        cnt_q;
    wire [PE*VB-1:0]   vmem_wd;
    wire [PE*BB-1:0]   cur_wd;
    wire [PE-1:0]      spk_wd;
    wire [PE*AB-1:0]   logit_wd;

    // descriptor fields of the word last read (a group's word stays in desc_q for the whole group)
    `define SNN_FIELD(f) desc_q[32*(f) +: 32]
    wire [1:0]         g_mode  = desc_q[32*`SNN_G_MODE +: 2];
    wire signed [31:0] g_exp   = `SNN_FIELD(`SNN_G_EXP);
    wire signed [31:0] g_gh    = `SNN_FIELD(`SNN_G_GH);
    wire signed [31:0] g_gw    = `SNN_FIELD(`SNN_G_GW);
    wire [31:0]        g_kh    = `SNN_FIELD(`SNN_G_KH);
    wire [31:0]        g_kw    = `SNN_FIELD(`SNN_G_KW);
    wire [31:0]        g_taps  = `SNN_FIELD(`SNN_G_TAPS);
    wire signed [31:0] g_dh    = `SNN_FIELD(`SNN_G_DH);
    wire signed [31:0] g_dw    = `SNN_FIELD(`SNN_G_DW);
    wire signed [31:0] g_dhgw  = `SNN_FIELD(`SNN_G_DH_GW);
    wire signed [31:0] g_plane = `SNN_FIELD(`SNN_G_PLANE);
    wire signed [31:0] g_src   = `SNN_FIELD(`SNN_G_SRC_BASE);

    // the tap being issued: its source position, whether it is inside the source, its address
    wire signed [31:0] iy = y0 + yk;
    wire signed [31:0] ix = x0 + xk;
    wire        in_bounds = iy >= 0 && iy < g_gh && ix >= 0 && ix < g_gw;
    wire [31:0] src_addr = g_src + choff + row0 + ykgw + ix;
    wire        tap_read = state == S_TAP && in_bounds;

    wire        desc_re = state == S_JOB0 || (state == S_BATCH && ngroups != 0) || (state == S_GEND && gi + 1 < ngroups);
    wire [31:0] desc_ra = state == S_JOB0 ? jp : state == S_BATCH ? jp + 1 : gp + 1;
    snn_ram #(.W(DB), .D(`SNN_N_DESC), .AW(DESC_AW), .INIT("desc.mem")) desc_mem (
        .clk(clk), .we(1'b0), .wa({DESC_AW{1'b0}}), .wd({DB{1'b0}}), .re(desc_re), .ra(desc_ra[DESC_AW-1:0]), .q(desc_q));
    snn_ram #(.W(PE*WB), .D(`SNN_N_WEIGHTS), .AW(W_AW), .INIT("weights.mem")) weight_mem (
        .clk(clk), .we(1'b0), .wa({W_AW{1'b0}}), .wd({PE*WB{1'b0}}), .re(state == S_TAP), .ra(wa[W_AW-1:0]), .q(w_q));
    wire [31:0] chan_ra = chanw + b;
    snn_ram #(.W(PE*CB), .D(`SNN_N_CHAN), .AW(CH_AW), .INIT("channel.mem")) channel_mem (
        .clk(clk), .we(1'b0), .wa({CH_AW{1'b0}}), .wd({PE*CB{1'b0}}), .re(state == S_BATCH), .ra(chan_ra[CH_AW-1:0]),
        .q(chan_q));
    wire [31:0] bias_ra = biasw + bi;
    snn_ram #(.W(PE*IB), .D(`SNN_N_BIAS), .AW(B_AW), .INIT("bias.mem")) bias_mem (
        .clk(clk), .we(1'b0), .wa({B_AW{1'b0}}), .wd({PE*IB{1'b0}}), .re(state == S_BATCH), .ra(bias_ra[B_AW-1:0]),
        .q(bias_q));
    wire [31:0] init_ra = initw + bi;
    snn_ram #(.W(PE*(VB+BB)), .D(`SNN_N_INIT), .AW(I_AW), .INIT("neuron_init.mem")) neuron_init_mem (
        .clk(clk), .we(1'b0), .wa({I_AW{1'b0}}), .wd({PE*(VB+BB){1'b0}}), .re(state == S_BATCH && per_neuron_init),
        .ra(init_ra[I_AW-1:0]), .q(init_q));

    // neuron state: read at the batch's first cycle, written at its update
    wire [31:0] n_addr = nbw + bi;
    wire [31:0] cur_addr = curw + bi;
    snn_ram #(.W(PE*VB), .D(`SNN_N_NEURONS), .AW(N_AW)) potential_mem (
        .clk(clk), .we(state == S_UPDATE && kind == K_POPULATION), .wa(n_addr[N_AW-1:0]), .wd(vmem_wd),
        .re(state == S_BATCH), .ra(n_addr[N_AW-1:0]), .q(vmem_q));
    snn_ram #(.W(PE*BB), .D(`SNN_N_CUR), .AW(CU_AW)) current_mem (
        .clk(clk), .we(state == S_UPDATE && kind == K_INPUT), .wa(cur_addr[CU_AW-1:0]), .wd(cur_wd),
        .re(state == S_BATCH && input_driven), .ra(cur_addr[CU_AW-1:0]), .q(cur_q));
    snn_ram #(.W(PE), .D(`SNN_N_NEURONS), .AW(N_AW)) spike_mem (
        .clk(clk), .we(state == S_UPDATE && kind == K_POPULATION), .wa(n_addr[N_AW-1:0]), .wd(spk_wd),
        .re(tap_read && g_mode != M_PIXELS), .ra(src_addr[N_AW-1:0]), .q(spk_q));
    snn_ram #(.W(8), .D(`SNN_N_PIXELS), .AW(P_AW)) pixel_mem (
        .clk(clk), .we(img_we && !running), .wa(img_addr[P_AW-1:0]), .wd(img_data),
        .re(tap_read && g_mode == M_PIXELS), .ra(src_addr[P_AW-1:0]), .q(pix_q));

    // readout sums and spike counters: the host reads them while idle
    wire [31:0] o_ra = running ? b : host_addr;
    snn_ram #(.W(PE*AB), .D(`SNN_N_OUT_WORDS), .AW(O_AW)) readout_mem (
        .clk(clk), .we(state == S_UPDATE && kind == K_READOUT), .wa(b[O_AW-1:0]), .wd(logit_wd),
        .re(!running || (state == S_BATCH && kind == K_READOUT)), .ra(o_ra[O_AW-1:0]), .q(logit_q));
    wire [31:0] c_ra = running ? `SNN_FIELD(`SNN_H_POP) : host_addr;
    snn_ram #(.W(32), .D(`SNN_N_POPS), .AW(C_AW)) spike_count_mem (
        .clk(clk), .we(state == S_JEND && kind == K_POPULATION), .wa(pop[C_AW-1:0]),
        .wd((first_step ? 32'd0 : cnt_q) + fires), .re(!running || state == S_JOB1), .ra(c_ra[C_AW-1:0]), .q(cnt_q));
    /* verilator lint_on UNUSEDSIGNAL */
    assign logit_word = logit_q;
    assign spike_count = cnt_q;

    // ---- lanes --------------------------------------------------------------------------------
    genvar l;
    generate
        for (l = 0; l < PE; l = l + 1) begin : lane
            wire signed [WB-1:0]   w_l = w_q[l*WB +: WB];
            wire signed [WB+8:0]   prod = w_l * $signed({1'b0, pix_q});
            wire                   s_bit = g_mode == M_DEPTHWISE ? spk_q[l] : spk_q[lane_d];
            wire signed [AB-1:0]   w_ext = {{(AB - WB){w_l[WB-1]}}, w_l};
            wire signed [AB-1:0]   p_ext = {{(AB - WB - 9){prod[WB+8]}}, prod};
            wire signed [AB-1:0]   contrib = g_mode == M_PIXELS ? p_ext : (s_bit ? w_ext : {AB{1'b0}});
            reg  signed [AB-1:0]   acc, total;
            wire signed [AB-1:0]   shifted = g_exp < 0 ? acc >>> (-g_exp) : acc <<< g_exp;
            always @(posedge clk) begin
                if (state == S_GLOAD) acc <= {AB{1'b0}};
                else if (valid_d) acc <= acc + contrib;
                if (state == S_BATCH) total <= {AB{1'b0}};
                else if (state == S_GEND) total <= total + shifted;
            end

            wire                   active = l < lane_limit;
            // a population's potential at the previous step, or its initial potential at the first step
            wire signed [VB-1:0]   v_init = per_neuron_init ? init_q[l*VB +: VB] : chan_q[PE*TB + l*VB +: VB];
            wire signed [VB-1:0]   v_old = first_step ? v_init : vmem_q[l*VB +: VB];
            // its constant current: written by its input job, or per neuron, or per channel
            wire signed [BB-1:0]   c_old = input_driven ? cur_q[l*BB +: BB]
                                         : per_neuron_init ? init_q[PE*VB + l*BB +: BB] : chan_q[PE*(TB+VB) + l*BB +: BB];
            wire signed [IB-1:0]   bias_l = bias_q[l*IB +: IB];
            wire signed [AB-1:0]   logit_old = first_step ? {AB{1'b0}} : logit_q[l*AB +: AB];
            wire signed [AB-1:0]   th = {{(AB - TB){1'b0}}, chan_q[l*TB +: TB]};
            wire signed [AB-1:0]   v_ext = {{(AB - VB){v_old[VB-1]}}, v_old};
            wire signed [AB-1:0]   c_ext = {{(AB - BB){c_old[BB-1]}}, c_old};
            wire signed [AB-1:0]   b_ext = {{(AB - IB){bias_l[IB-1]}}, bias_l};
            wire signed [AB-1:0]   v_sum = v_ext + total + c_ext;
            wire signed [AB-1:0]   v_sat = v_sum > VMAX ? VMAX : v_sum < -VMAX ? -VMAX : v_sum;
            wire                   fire = active && v_sat >= th;
            wire signed [AB-1:0]   c_sum = b_ext + total;
            // Waiver (UNUSEDSIGNAL): saturated values fit VB and BB bits; only those bits are stored
            /* verilator lint_off UNUSEDSIGNAL */
            wire signed [AB-1:0]   v_new = fire ? v_sat - th : v_sat;
            wire signed [AB-1:0]   c_sat = c_sum > BMAX ? BMAX : c_sum < -BMAX ? -BMAX : c_sum;
            /* verilator lint_on UNUSEDSIGNAL */
            wire signed [AB-1:0]   logit_new = logit_old + total + b_ext;
            assign vmem_wd[l*VB +: VB] = active ? v_new[VB-1:0] : v_old;
            assign cur_wd[l*BB +: BB] = active ? c_sat[BB-1:0] : c_old;
            assign spk_wd[l] = fire;
            assign logit_wd[l*AB +: AB] = active ? logit_new : logit_old;
        end
    endgenerate

    // Waiver (UNUSEDSIGNAL): the operands are 32-bit registers and fields, FpgaLegality keeps them below 2^16
    /* verilator lint_off UNUSEDSIGNAL */
    function [31:0] mul16;
        input [31:0] a;
        input [31:0] c;
        mul16 = a[15:0] * c[15:0];
    endfunction
    /* verilator lint_on UNUSEDSIGNAL */

    reg [31:0] batch_fires;
    integer f;
    always @* begin
        batch_fires = 32'd0;
        for (f = 0; f < PE; f = f + 1) batch_fires = batch_fires + {31'd0, spk_wd[f]};
    end

    // ---- control ------------------------------------------------------------------------------
    always @(posedge clk) begin
        if (rst) begin
            state <= S_IDLE;
            done <= 1'b0;
            cycles <= 64'd0;
            valid_d <= 1'b0;
        end else begin
            if (running) cycles <= cycles + 64'd1;
            valid_d <= tap_read;
            lane_d <= cbit[LW-1:0];
            case (state)
            S_IDLE, S_DONE: if (start) begin
                done <= 1'b0;
                cycles <= 64'd0;
                step <= 32'd0;
                if (`SNN_INPUT_JOBS > 0) begin
                    phase <= 1'b0; first_step <= 1'b0; jp <= 32'd0; jobs_left <= `SNN_INPUT_JOBS;
                end else begin
                    phase <= 1'b1; first_step <= 1'b1; jp <= `SNN_STEP_START; jobs_left <= `SNN_STEP_JOBS;
                end
                state <= S_JOB0;
            end
            S_JOB0: state <= S_JOB1;
            S_JOB1: begin
                kind <= desc_q[32*`SNN_H_KIND +: 2];
                pop <= `SNN_FIELD(`SNN_H_POP);
                oh <= `SNN_FIELD(`SNN_H_OH);
                ow <= `SNN_FIELD(`SNN_H_OW);
                ngroups <= `SNN_FIELD(`SNN_H_NGROUPS);
                chanw <= `SNN_FIELD(`SNN_H_CHAN_BASE);
                biasw <= `SNN_FIELD(`SNN_H_BIAS_BASE);
                nbw <= `SNN_FIELD(`SNN_H_NEURON_BASE);
                initw <= `SNN_FIELD(`SNN_H_INIT_BASE);
                per_neuron_init <= desc_q[32*`SNN_H_PER_NEURON_INIT];
                curw <= `SNN_FIELD(`SNN_H_CUR_BASE);
                input_driven <= desc_q[32*`SNN_H_INPUT_DRIVEN];
                lane_limit <= `SNN_FIELD(`SNN_H_OC);
                b <= 32'd0; oy <= 32'd0; ox <= 32'd0; bi <= 32'd0; fires <= 32'd0;
                state <= S_BATCH;
            end
            S_BATCH: begin
                gi <= 32'd0;
                gp <= jp + 1;
                state <= ngroups != 0 ? S_GLOAD : S_UPDATE;
            end
            S_GLOAD: begin
                // 16 x 16 bit products: FpgaLegality keeps these operands below 2^16
                y0 <= $signed(mul16(oy, `SNN_FIELD(`SNN_G_SH))) - $signed(`SNN_FIELD(`SNN_G_PT));
                x0 <= $signed(mul16(ox, `SNN_FIELD(`SNN_G_SW))) - $signed(`SNN_FIELD(`SNN_G_PL));
                row0 <= $signed(mul16(oy, `SNN_FIELD(`SNN_G_SH_GW))) - $signed(`SNN_FIELD(`SNN_G_PT_GW));
                choff <= g_mode == M_DEPTHWISE ? $signed(mul16(b, g_plane)) : 32'sd0;
                wa <= $signed(`SNN_FIELD(`SNN_G_W_BASE)) + $signed(mul16(b, g_taps));
                ci <= 32'd0; cbit <= 32'd0; ky <= 32'd0; kx <= 32'd0; tap <= 32'd0;
                yk <= 32'sd0; xk <= 32'sd0; ykgw <= 32'sd0;
                state <= S_TAP;
            end
            S_TAP: begin
                tap <= tap + 1;
                wa <= wa + 1;
                if (kx + 1 < g_kw) begin
                    kx <= kx + 1; xk <= xk + g_dw;
                end else begin
                    kx <= 32'd0; xk <= 32'sd0;
                    if (ky + 1 < g_kh) begin
                        ky <= ky + 1; yk <= yk + g_dh; ykgw <= ykgw + g_dhgw;
                    end else begin
                        ky <= 32'd0; yk <= 32'sd0; ykgw <= 32'sd0;
                        ci <= ci + 1;
                        // the next source channel: the next plane of pixels, or the next lane of a spike word
                        if (g_mode == M_PIXELS) choff <= choff + g_plane;
                        else if (cbit + 1 < PE) cbit <= cbit + 1;
                        else begin cbit <= 32'd0; choff <= choff + g_plane; end
                    end
                end
                if (tap + 1 == g_taps) state <= S_DRAIN;
            end
            S_DRAIN: state <= S_GEND;
            S_GEND: begin
                if (gi + 1 < ngroups) begin
                    gi <= gi + 1;
                    gp <= gp + 1;
                    state <= S_GLOAD;
                end else state <= S_UPDATE;
            end
            S_UPDATE: begin
                fires <= fires + batch_fires;
                bi <= bi + 1;
                if (ox + 1 < ow) ox <= ox + 1;
                else begin
                    ox <= 32'd0;
                    if (oy + 1 < oh) oy <= oy + 1;
                    else begin
                        oy <= 32'd0; b <= b + 1; lane_limit <= lane_limit - PE;
                    end
                end
                state <= (ox + 1 == ow && oy + 1 == oh && lane_limit <= PE) ? S_JEND : S_BATCH;
            end
            S_JEND: begin
                if (jobs_left > 1) begin
                    jobs_left <= jobs_left - 1;
                    jp <= jp + 1 + ngroups;
                    state <= S_JOB0;
                end else if (phase == 1'b0 || step + 1 < `SNN_T) begin
                    if (phase == 1'b1) step <= step + 1;
                    first_step <= phase == 1'b0;
                    phase <= 1'b1;
                    jp <= `SNN_STEP_START;
                    jobs_left <= `SNN_STEP_JOBS;
                    state <= S_JOB0;
                end else begin
                    state <= S_DONE;
                    done <= 1'b1;
                end
            end
            default: state <= S_IDLE;
            endcase
        end
    end
    `undef SNN_FIELD
endmodule
