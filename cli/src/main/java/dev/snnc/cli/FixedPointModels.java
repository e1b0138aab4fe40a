package dev.snnc.cli;

import dev.snnc.formats.FxFile;
import dev.snnc.ir.backend.Backends;
import dev.snnc.ir.fx.FxNetwork;
import java.nio.file.Path;
import java.util.Optional;

/** A fixed-point network from any of its files: a .fx, or an artifact an installed backend reads back. */
final class FixedPointModels {
    private FixedPointModels() {
    }

    /** The network if {@code file} is one of these (recognized cheaply; then read and verified), else empty. */
    static Optional<FxNetwork> readIfFixedPoint(Path file) {
        var artifacts = Backends.installed().readerFor(file);
        if (artifacts.isPresent()) {
            return Optional.of(artifacts.get().reader().orElseThrow().read(file));
        }
        return FxFile.looksLikeFxFile(file) ? Optional.of(FxFile.read(file)) : Optional.empty();
    }
}
