package dev.snnc.ir.target;


/**
 * The arithmetic of the targets snnc ships. Which of them a command accepts is decided by the
 * installed backends ({@link dev.snnc.ir.backend.Backends#target}), which name the profiles they
 * compile for; {@link #IDEAL} is the simulator's reference and belongs to no backend.
 */
public final class TargetProfiles {
    /**
     * Loihi 2 as Lava's bit-accurate CPU models compute it (lava/proc/lif, dense, conv; restated in
     * shared/reference/loihi-lava-fixed-point.md): 8-bit weights with a shared exponent, odd
     * mixed-sign LSB dropped, {@code a_in << 6}, 24-bit u with one wrap correction, 24-bit v
     * saturated, 17-bit threshold mantissa {@code << 6}, 13-bit bias mantissa {@code << bias_exp}
     * (0..7), strict '>', reset of v to zero, one step of delay per synaptic layer, conv outputs
     * wrapped to 24 bits. Limits: 128 cores per chip, up to ~8,192 neurons per core, ~128 KiB
     * synapse memory per core (not officially published). Energy: Loihi 1 figures (Davies et al.,
     * IEEE Micro 2018, Table 2) as the closest published numbers.
     */
    public static final TargetSpec LOIHI2 = new TargetSpec("loihi2",
            new TargetSpec.Arithmetic(8, -7, 7, true, 6, 24, 24, 17, 6, 13, 7, true, TargetSpec.Reset.ZERO, 1, 24, false, false),
            new TargetSpec.Limits(8192, 128, 0, 0, 1L << 20, 0),
            new TargetSpec.Energy(23.6, 52, 1.7, 3.5, "Loihi 1 figures, Davies et al. IEEE Micro 2018 Table 2"),
            "Lava fixed_pt LIF/Dense/Conv process models", new TargetSpec.Choices(
                    java.util.EnumSet.allOf(TargetSpec.Reset.class), true, 8));

    /**
     * Loihi 1 after nengo-loihi's hardware-validated emulator: per-synapse weight exponent
     * (w·2^(6+wgtExp)), 21-bit + sign input accumulator, true 24-bit wrap of u, reset to zero,
     * one step of delay. Limits from Davies et al. 2018: 128 cores per chip, 1,024 compartments,
     * 4,096 input and output axons and 128 KiB synapse memory per core. Not modelled: refractory
     * periods and configurable voltage limits (snnc uses neither). Loihi 1's compartments reset to
     * zero and take one threshold per core's compartment group, so that is the only neuron it runs
     * (snnc's subtractive neuron is a Lava process model for Lava's CPU simulation and Loihi 2).
     */
    public static final TargetSpec LOIHI1 = new TargetSpec("loihi1",
            new TargetSpec.Arithmetic(8, -7, 7, false, 6, 24, 24, 17, 6, 13, 7, true, TargetSpec.Reset.ZERO, 1, 0, true, false),
            new TargetSpec.Limits(1024, 128, 4096, 4096, 1L << 20, 32),
            new TargetSpec.Energy(23.6, 52, 1.7, 3.5, "Davies et al., IEEE Micro 2018, Table 2"),
            "nengo-loihi emulator (hardware-validated Loihi 1 arithmetic)", new TargetSpec.Choices(
                    java.util.EnumSet.of(TargetSpec.Reset.ZERO), false, 8));

    /**
     * snnc's own FPGA engine: integrate-and-fire with reset by subtraction, '>=', saturating
     * state, no synaptic delay (layers run in order within a step), each synapse group's sum
     * shifted left by its exponent (0..15: a cheap barrel shift that gives thresholds and biases
     * finer resolution than the weights), configurable widths (these are the defaults: 8-bit
     * weights, 16-bit thresholds and biases, 24-bit voltage; the synaptic input is added directly, with
     * no current state, hence no current width). Energy figures are placeholders until the FPGA backend
     * measures its engine; the backend issue replaces them.
     */
    public static final TargetSpec FPGA = new TargetSpec("fpga",
            new TargetSpec.Arithmetic(8, 0, 15, false, 0, 64, 24, 16, 0, 16, 0, false, TargetSpec.Reset.SUBTRACT, 0, 0, true, true),
            new TargetSpec.Limits(0, 0, 0, 0, 0, 0),
            new TargetSpec.Energy(0, 0, 0, 0, "not measured yet"),
            "snnc FPGA engine (defined by backend-fpga)", new TargetSpec.Choices(
                    java.util.EnumSet.of(TargetSpec.Reset.SUBTRACT), false, 16));

    /**
     * A wide-integer reference with the float SNN's semantics (subtractive reset, '>=', no delay,
     * 63-bit state): used to check that the simulator reproduces the float SNN when rounding is
     * negligible. Not a hardware target; no limits or energy.
     */
    public static final TargetSpec IDEAL = new TargetSpec("ideal",
            new TargetSpec.Arithmetic(32, 0, 0, false, 0, 64, 63, 62, 0, 62, 0, false, TargetSpec.Reset.SUBTRACT, 0, 0, true, true),
            new TargetSpec.Limits(0, 0, 0, 0, 0, 0), new TargetSpec.Energy(0, 0, 0, 0, "not a hardware target"),
            "float SNN semantics in wide integers");

    private TargetProfiles() {
    }

    /**
     * The profile of a target snnc ships, by id: what a file naming it is read with where its
     * backend is not on the class path (the simulator's and quantizer's own tests, tools built
     * without that backend). Installed backends take precedence ({@code FxFile.readTarget}).
     */
    public static java.util.Optional<TargetSpec> shipped(String id) {
        return java.util.stream.Stream.of(LOIHI2, LOIHI1, FPGA, IDEAL).filter(t -> t.id().equals(id)).findFirst();
    }
}
