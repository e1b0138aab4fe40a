package dev.snnc.calibration.calib;

import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.ir.Graph;
import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.Node;
import dev.snnc.ir.Preprocessing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * One process's part of a population's measurement: the SNN runs from the input through the
 * population's segment (no spike cache) on pass batches {@code fromBatch..toBatch−1}, against the
 * ANN's activations. Public so that a distributed run can compute its batches on an executor.
 */
public final class LayerPartials {
    private LayerPartials() {
    }

    /** Pass batches of {@code passBatchSize} over {@code images} calibration images. */
    public static int passBatches(int images, int passBatchSize) {
        return (images + passBatchSize - 1) / passBatchSize;
    }

    public static RateMeasurement.Partial compute(Graph ann, Graph snn, String population, CalibrationImages images,
                                                  int timesteps, InputEncoding encoding, Preprocessing pre, int passBatchSize,
                                                  int threads, int fromBatch, int toBatch) {
        SegmentPlan plan = new SegmentPlan(snn);
        List<Node> nodes = new ArrayList<>();
        boolean found = false;
        for (int i = 0; i < plan.size() && !found; i++) {
            nodes.addAll(plan.segment(i, snn));
            found = plan.population(i).equals(population);
        }
        if (!found) {
            throw new IllegalArgumentException("no population " + population + " in the SNN");
        }
        try (FloatGraphExecutor annExec = new FloatGraphExecutor(ann, threads);
             AnnTargets targets = new AnnTargets(annExec);
             FloatSnnExecutor exec = new FloatSnnExecutor(snn, threads)) {
            SegmentRunner runner = (x, b, record) -> exec.runNodes(x, timesteps, encoding, pre, nodes, new LinkedHashMap<>(),
                    record, new LinkedHashMap<>(), false);
            return RateMeasurement.partial(targets, runner, images, population, timesteps, passBatchSize, annExec.manager(),
                    fromBatch, toBatch);
        }
    }
}
