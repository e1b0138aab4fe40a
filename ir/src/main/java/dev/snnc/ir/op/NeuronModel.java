package dev.snnc.ir.op;

/**
 * The semantics of an integrate-and-fire population, one step:
 * <pre>
 *   mem += x + bias (+ θ/(2T) if halfStepShift)
 *   spike = comparison == GREATER_EQUAL ? mem >= ρ·θ : mem > ρ·θ     (ρ: the population's fire ratio, 1 unless reset to zero)
 *   mem   = spike ? (reset == SUBTRACT ? mem − θ : 0) : mem
 *   out   = spike · θ
 * </pre>
 * The reference SNN Calibration setting is {@link #REFERENCE}: subtract, {@code >=}, shift on.
 */
public record NeuronModel(Reset reset, Comparison comparison, boolean halfStepShift) {
    /** What happens to the membrane after a spike. */
    public enum Reset { SUBTRACT, ZERO }

    /** How the membrane is compared with the threshold. */
    public enum Comparison { GREATER_EQUAL, GREATER }

    public static final NeuronModel REFERENCE = new NeuronModel(Reset.SUBTRACT, Comparison.GREATER_EQUAL, true);

    public String describe() {
        return "reset=" + reset.name().toLowerCase(java.util.Locale.ROOT) + " cmp="
                + (comparison == Comparison.GREATER_EQUAL ? ">=" : ">") + " shift=" + (halfStepShift ? "on" : "off");
    }
}
