package dev.snnc.ir.diag;

import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics across a whole import or pass so that all problems are reported at once. */
public final class Diagnostics {
    private final List<Diagnostic> found = new ArrayList<>();

    public void report(Diagnostic d) {
        found.add(d);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Diagnostic> all() {
        return List.copyOf(found);
    }

    /** Throws an {@link SnncException} carrying everything reported so far, if anything was. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new SnncException(found);
        }
    }
}
