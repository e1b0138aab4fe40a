package dev.snnc.calibration.calib;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * The ANN activations of one population for every calibration batch, computed on first use and
 * kept while that population is being calibrated: its measurement passes (before and after each
 * correction) compare against the same targets, so the ANN runs once per population, not once per
 * pass. Asking for another population drops the stored ones.
 */
final class AnnTargets implements AutoCloseable {
    private final FloatGraphExecutor ann;
    private final NDManager manager;
    private final List<NDArray> batches = new ArrayList<>();
    private String population;

    AnnTargets(FloatGraphExecutor ann) {
        this.ann = ann;
        this.manager = ann.manager().newSubManager();
    }

    FloatGraphExecutor executor() {
        return ann;
    }

    /** The activation of {@code population} for calibration batch {@code batch}, whose input is {@code x}. */
    NDArray get(String population, int batch, NDArray x) {
        if (!population.equals(this.population)) {
            batches.forEach(NDArray::close);
            batches.clear();
            this.population = population;
        }
        while (batches.size() <= batch) {
            batches.add(null);
        }
        NDArray stored = batches.get(batch);
        if (stored == null) {
            stored = ann.forwardUpTo(x, population).get(population).duplicate();
            stored.attach(manager);
            batches.set(batch, stored);
        }
        return stored;
    }

    @Override
    public void close() {
        manager.close();
    }
}
