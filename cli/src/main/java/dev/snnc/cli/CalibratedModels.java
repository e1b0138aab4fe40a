package dev.snnc.cli;

import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;
import dev.snnc.nir.NirReader;
import java.nio.file.Path;

/** A calibrated SNN from either of its files: snnc's .snn, or a NIR graph snnc exported. */
final class CalibratedModels {
    private CalibratedModels() {
    }

    static boolean recognizes(Path file) {
        return SnnFile.looksLikeSnnFile(file) || NirReader.looksLikeNir(file);
    }

    static CalibratedSnn read(Path file) {
        return NirReader.looksLikeNir(file) ? NirReader.read(file) : SnnFile.read(file);
    }
}
