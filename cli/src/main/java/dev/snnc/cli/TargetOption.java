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
