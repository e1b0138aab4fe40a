package dev.snnc.calibration.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.frontend.data.MnistFormatDataset;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Freeing intermediates early changes no value: the kept ones equal a run that keeps everything. */
class ForwardKeepingTest {
    @Test
    void keptValuesEqualTheFullRunAndNothingElseIsReturned() throws Exception {
        Graph g = ModelLoader.load(BundledModelLogitsTest.MODEL);
        LabeledImages images = MnistFormatDataset.load(BundledModelLogitsTest.SUBSET, MnistFormatDataset.Split.TEST).first(8);
        Set<String> keep = new HashSet<>();
        for (Node n : g.nodes()) {
            if (n.op() instanceof dev.snnc.ir.op.Relu) {
                keep.add(n.name());
            }
        }
        keep.add(g.outputName());
        try (FloatGraphExecutor exec = new FloatGraphExecutor(g, 2); NDManager scope = exec.manager().newSubManager()) {
            NDArray input = exec.inputArray(scope, images.batch(0, 8, g.preprocessing().orElseThrow()), 8);
            Map<String, NDArray> all = exec.forwardAll(input);
            Map<String, NDArray> kept = exec.forwardKeeping(input, keep);
            assertEquals(keep, kept.keySet());
            for (String name : keep) {
                assertArrayEquals(all.get(name).toFloatArray(), kept.get(name).toFloatArray(), 0f, name);
            }
        }
    }
}
