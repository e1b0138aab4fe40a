package dev.snnc.cli;

import dev.snnc.formats.FxFile;
import dev.snnc.formats.SnnFile;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Origin;
import dev.snnc.ir.backend.Backends;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.nir.NirReader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Loads the ONNX model a command was given. A file snnc wrote itself (a .snn, a .fx, a NIR graph,
 * a netlist or an FPGA directory) is named for what it is and sent to the commands that read it,
 * where the ONNX parser could only call it malformed.
 */
final class OnnxModels {
    private OnnxModels() {
    }

    static Graph load(Path file) {
        Optional<Artifact> other = otherArtifact(file);
        if (other.isPresent()) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, Origin.SYNTHETIC,
                    file + " is " + other.get().what() + ", not an ONNX model")
                    .withHint("this command reads the .onnx model; " + other.get().readers()));
        }
        return ModelLoader.load(file);
    }

    /** What a file snnc wrote is, and which commands read it. */
    record Artifact(String what, String readers) {
    }

    /** What {@code file} is if snnc wrote it (cheap: reads at most each format's first bytes). */
    static Optional<Artifact> otherArtifact(Path file) {
        if (SnnFile.looksLikeSnnFile(file)) {
            return Optional.of(new Artifact("a calibrated SNN (" + SnnFile.FORMAT + ")",
                    "a .snn file goes to snnc eval, quantize, simulate, export or inspect"));
        }
        if (FxFile.looksLikeFxFile(file)) {
            return Optional.of(new Artifact("a fixed-point model (" + FxFile.FORMAT + ")",
                    "a .fx file goes to snnc simulate, compile or inspect"));
        }
        Optional<dev.snnc.ir.backend.Backend> backend = Backends.installed().readerFor(file);
        if (backend.isPresent()) {
            return Optional.of(new Artifact("output of the " + backend.get().id() + " backend",
                    "compiled output goes to snnc simulate or inspect (an FPGA directory also to snnc cosim)"));
        }
        if (NirReader.looksLikeNir(file)) {
            return Optional.of(new Artifact("an HDF5 file (a NIR graph or a netx network)",
                    "snnc eval, simulate and inspect read the NIR graphs snnc export writes"));
        }
        return Optional.empty();
    }
}
