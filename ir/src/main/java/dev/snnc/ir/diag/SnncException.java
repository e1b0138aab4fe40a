package dev.snnc.ir.diag;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown for user mistakes (bad model, bad data, bad option); carries every diagnostic found so
 * they can be reported together. Bugs are ordinary exceptions, never this one.
 */
public final class SnncException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Diagnostic> diagnostics;

    public SnncException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
        if (diagnostics.isEmpty()) {
            throw new IllegalArgumentException("an SnncException needs at least one diagnostic");
        }
        this.diagnostics = List.copyOf(diagnostics);
    }

    public SnncException(Diagnostic diagnostic) {
        this(List.of(diagnostic));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /**
     * The same diagnostics with each message starting with {@code where} (e.g. the file a reader
     * was reading), unless it already does: for problems found by a layer that does not know the file.
     */
    public SnncException locatedIn(String where) {
        return new SnncException(diagnostics.stream().map(d -> d.message().startsWith(where) ? d
                : new Diagnostic(d.code(), d.origin(), where + ": " + d.message(), d.hint())).toList());
    }
}
