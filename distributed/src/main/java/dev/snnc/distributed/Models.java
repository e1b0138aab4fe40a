package dev.snnc.distributed;

import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.FxFile;
import dev.snnc.formats.SnnFile;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.ir.Graph;
import dev.snnc.ir.fx.FxNetwork;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Rebuilds a model on an executor from the bytes the driver broadcast, through the same readers
 * (and checks) as a file on one machine: the bytes go to a private temporary file that is deleted
 * after reading.
 */
final class Models {
    private Models() {
    }

    static FxNetwork fx(byte[] bytes) {
        return viaFile(bytes, ".fx", FxFile::read);
    }

    static CalibratedSnn snn(byte[] bytes) {
        return viaFile(bytes, ".snn", SnnFile::read);
    }

    static Graph onnx(byte[] bytes) {
        return viaFile(bytes, ".onnx", ModelLoader::load);
    }

    private static <T> T viaFile(byte[] bytes, String suffix, Function<Path, T> reader) {
        Path file = null;
        try {
            file = Files.createTempFile("snnc-model", suffix);
            Files.write(file, bytes);
            return reader.apply(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless; the result stands
                }
            }
        }
    }
}
