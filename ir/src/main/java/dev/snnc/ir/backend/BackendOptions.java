package dev.snnc.ir.backend;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The values of a backend's options as given on the command line (absent ones take their declared default). */
public final class BackendOptions {
    private final Map<String, String> values;

    public BackendOptions(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    public static BackendOptions none() {
        return new BackendOptions(Map.of());
    }

    public Optional<String> text(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The option as an integer in {@code min..max}; an SNNC-E300 diagnostic naming the option otherwise. */
    public Optional<Long> integer(String name, long min, long max) {
        String v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw bad(name + " must be an integer, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw bad(name + " must be in " + min + ".." + max + ", got " + n);
        }
        return Optional.of(n);
    }

    public static SnncException bad(String message) {
        return new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, message));
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
