package dev.snnc.ir.backend;

import dev.snnc.ir.fx.FxNetwork;
import java.nio.file.Path;

/**
 * Reads a backend's emitted artifacts back into the fixed-point network they describe, so that
 * {@code simulate} and {@code cosim} run exactly what was emitted. A reader treats its input as
 * untrusted: every problem is an SNNC-E diagnostic naming the file, and the network it returns
 * has passed {@link FxNetwork#verify}.
 */
public interface ArtifactReader {
    /** True when {@code path} looks like this backend's output (cheap; reads at most a file's start). */
    boolean recognizes(Path path);

    FxNetwork read(Path path);
}
