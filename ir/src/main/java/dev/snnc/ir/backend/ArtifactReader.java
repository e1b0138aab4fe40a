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

    /** A reader from a recognizer and a read function (what most backends have as static methods). */
    static ArtifactReader of(java.util.function.Predicate<Path> recognizes, java.util.function.Function<Path, FxNetwork> read) {
        return new ArtifactReader() {
            @Override
            public boolean recognizes(Path path) {
                return recognizes.test(path);
            }

            @Override
            public FxNetwork read(Path path) {
                return read.apply(path);
            }
        };
    }
}
