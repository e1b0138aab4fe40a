package dev.snnc.cli;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.quantize.LayerQuantization;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a quantized network whose weights clipped or whose currents or initial potentials
 * saturated (SNNC-E111, one line per layer and kind), unless the user allowed it. {@code quantize}
 * and {@code compile} both apply it, so neither writes an overflowing model silently.
 */
final class OverflowCheck {
    private OverflowCheck() {
    }

    static void check(List<LayerQuantization> layers, String target, boolean allowOverflow) {
        List<Diagnostic> problems = new ArrayList<>();
        for (LayerQuantization l : layers) {
            if (l.clippedWeights() > 0) {
                problems.add(problem(target, l.name() + ": " + l.clippedWeights() + " weights clipped"));
            }
            if (l.saturatedBiases() > 0) {
                problems.add(problem(target, l.name() + ": " + l.saturatedBiases() + " biases beyond the target's bias range"));
            }
            if (l.clippedInitialV() > 0) {
                problems.add(problem(target, l.name() + ": " + l.clippedInitialV()
                        + " initial potentials beyond the voltage width"));
            }
        }
        if (!problems.isEmpty() && !allowOverflow) {
            throw new SnncException(problems);
        }
    }

    private static Diagnostic problem(String target, String what) {
        return Diagnostic.of(DiagnosticCode.OVERFLOW, Origin.SYNTHETIC, "values do not fit " + target + ": " + what)
                .withHint("use more weight bits, or --allow-overflow to write it anyway");
    }
}
