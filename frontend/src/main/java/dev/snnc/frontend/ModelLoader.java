package dev.snnc.frontend;

import dev.snnc.frontend.onnx.OnnxImporter;
import dev.snnc.frontend.passes.FoldBatchNorm;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Pass;
import java.nio.file.Path;
import java.util.List;

/** Imports a model file and runs the standard clean-up passes, in order. */
public final class ModelLoader {
    private static final List<Pass> STANDARD_PASSES = List.of(new FoldBatchNorm());

    private ModelLoader() {
    }

    public static Graph load(Path onnxFile) {
        return runPasses(new OnnxImporter().importFile(onnxFile));
    }

    public static Graph runPasses(Graph g) {
        Graph out = g;
        for (Pass p : STANDARD_PASSES) {
            out = p.run(out);
        }
        return out;
    }
}
