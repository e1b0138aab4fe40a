package dev.snnc.cli;

import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;

/** Parses {@code --target} and {@code --weight-bits} into a {@link TargetSpec}. */
final class TargetOption {
    private TargetOption() {
    }

    /** Loihi targets choose their reset; the FPGA engine always subtracts. */
    static TargetSpec withReset(TargetSpec t, String reset) {
        TargetSpec.Reset r = switch (reset) {
            case "subtract" -> TargetSpec.Reset.SUBTRACT;
            case "zero" -> TargetSpec.Reset.ZERO;
            default -> throw DataOptions.badOption("--reset must be subtract or zero, got '" + reset + "'");
        };
        if (t.id().equals("fpga") && r != TargetSpec.Reset.SUBTRACT) {
            throw DataOptions.badOption("--reset zero: the fpga engine resets by subtraction only");
        }
        return t.withReset(r);
    }

    static TargetSpec parse(String id, Integer weightBits) {
        TargetSpec t = TargetProfiles.byId(id).filter(p -> p != TargetProfiles.IDEAL).orElseThrow(() -> DataOptions.badOption(
                "--target must be one of loihi2, loihi1, fpga; got '" + id + "'"));
        if (weightBits == null) {
            return t;
        }
        int max = t.id().equals("fpga") ? 16 : 8;
        if (weightBits < 2 || weightBits > max) {
            throw DataOptions.badOption("--weight-bits for " + t.id() + " must be in 2.." + max + ", got " + weightBits);
        }
        return t.withWeightBits(weightBits);
    }
}
