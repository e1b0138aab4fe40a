package dev.snnc.ir.diag;

import dev.snnc.ir.Origin;

/**
 * One user-facing problem: a stable code, the node it concerns (or {@link Origin#SYNTHETIC}), a
 * message with the numbers involved, and an optional hint on how to fix it.
 */
public record Diagnostic(DiagnosticCode code, Origin origin, String message, String hint) {
    public Diagnostic {
        origin = origin == null ? Origin.SYNTHETIC : origin;
        hint = hint == null ? "" : hint;
    }

    public static Diagnostic of(DiagnosticCode code, Origin origin, String message) {
        return new Diagnostic(code, origin, message, "");
    }

    public Diagnostic withHint(String newHint) {
        return new Diagnostic(code, origin, message, newHint);
    }

    /** One line: {@code error SNNC-E101 at Softmax node 'sm': ... (hint: ...)}. */
    public String render() {
        StringBuilder sb = new StringBuilder("error ").append(code.code());
        if (!origin.equals(Origin.SYNTHETIC)) {
            sb.append(" at ").append(origin);
        }
        sb.append(": ").append(message);
        if (!hint.isEmpty()) {
            sb.append(" (hint: ").append(hint).append(')');
        }
        return sb.toString();
    }
}
