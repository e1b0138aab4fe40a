package dev.snnc.cli;

import dev.snnc.formats.ArtifactFiles;
import java.nio.file.Path;

/** A model file's bytes for a distributed run (bounded and checked as every artifact read is). */
final class ModelBytes {
    private ModelBytes() {
    }

    static byte[] read(Path file) {
        return ArtifactFiles.read(file, true, what -> DataOptions.badOption("model " + file + " " + what));
    }
}
