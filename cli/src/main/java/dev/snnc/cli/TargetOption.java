package dev.snnc.cli;

import dev.snnc.ir.backend.Backends;
import dev.snnc.ir.target.TargetSpec;
import java.util.Locale;

/** Parses {@code --target}, {@code --weight-bits} and {@code --reset} against the installed backends' targets. */
final class TargetOption {
    private TargetOption() {
    }

    /** The target with the requested reset rule; a rule its neurons cannot run is exit 2 with the reason. */
    static TargetSpec withReset(TargetSpec t, String reset) {
        TargetSpec.Reset r = switch (reset) {
            case "subtract" -> TargetSpec.Reset.SUBTRACT;
            case "zero" -> TargetSpec.Reset.ZERO;
            default -> throw DataOptions.badOption("--reset must be subtract or zero, got '" + reset + "'");
        };
        if (!t.choices().resets().contains(r)) {
            throw DataOptions.badOption("--reset " + reset + ": target " + t.id() + " runs reset by "
                    + t.choices().resets().stream().map(x -> x.name().toLowerCase(Locale.ROOT)).toList() + " only");
        }
        return t.withReset(r);
    }

    /** The reset a target runs when the user names none: subtraction where it can, else its only rule. */
    static String defaultReset(TargetSpec t) {
        return t.choices().resets().contains(TargetSpec.Reset.SUBTRACT) ? "subtract" : "zero";
    }

    /**
     * The reset for quantizing a calibrated SNN when the user names none: the SNN's own rule where
     * the target runs it (a model calibrated for reset to zero stays so), else the target's default.
     */
    static String defaultReset(TargetSpec t, dev.snnc.ir.Graph snn) {
        boolean zero = snn.nodes().stream().anyMatch(n -> n.op() instanceof dev.snnc.ir.op.IfNeuron f
                && f.model().reset() == dev.snnc.ir.op.NeuronModel.Reset.ZERO);
        return zero && t.choices().resets().contains(TargetSpec.Reset.ZERO) ? "zero" : defaultReset(t);
    }

    /**
     * The float neuron to calibrate for a target: its own reset rule (a target that resets to zero
     * gets an SNN calibrated for that, with its comparison); subtractive targets get the reference.
     */
    static dev.snnc.ir.op.NeuronModel calibrationNeuron(TargetSpec t) {
        if (t.arithmetic().reset() != TargetSpec.Reset.ZERO) {
            return dev.snnc.ir.op.NeuronModel.REFERENCE;
        }
        return new dev.snnc.ir.op.NeuronModel(dev.snnc.ir.op.NeuronModel.Reset.ZERO, t.arithmetic().strictGreater()
                ? dev.snnc.ir.op.NeuronModel.Comparison.GREATER : dev.snnc.ir.op.NeuronModel.Comparison.GREATER_EQUAL, true);
    }

    static TargetSpec parse(String id, Integer weightBits) {
        Backends installed = Backends.installed();
        TargetSpec t = installed.target(id, false).orElseThrow(() -> DataOptions.badOption(
                "--target must be one of " + installed.targetIds() + "; got '" + id + "'"));
        if (weightBits == null) {
            return t;
        }
        int max = t.choices().maxWeightBits();
        if (weightBits < 2 || weightBits > max) {
            throw DataOptions.badOption("--weight-bits for " + t.id() + " must be in 2.." + max + ", got " + weightBits);
        }
        return t.withWeightBits(weightBits);
    }
}
