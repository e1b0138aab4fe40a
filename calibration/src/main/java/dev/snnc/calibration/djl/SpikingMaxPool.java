package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.snnc.ir.op.MaxPool2d;
import java.util.List;

/**
 * Max pooling of spike trains (docs/adr/0021): each output neuron spikes at a step exactly when the
 * largest running input count in its window grows. With input spikes of one height θ per channel the
 * running maximum grows by 0 or θ per step, so the output is again a spike train, and its count up to
 * any step equals the largest input count in the window up to that step: the max of rates, which is
 * what the ANN's max pooling of ReLU activations computes.
 */
final class SpikingMaxPool implements AutoCloseable {
    private final String name;
    private final MaxPool2d op;
    private final RunParameters params;
    private NDArray counts;
    private NDArray previousMax;

    SpikingMaxPool(String name, MaxPool2d op, RunParameters params) {
        this.name = name;
        this.op = op;
        this.params = params;
    }

    /** One step: add {@code x} to the running counts; the output is the growth of the windowed maximum. */
    NDArray step(NDArray x, NDManager owner) {
        if (counts == null) {
            counts = x.duplicate();
            counts.attach(owner);
        } else {
            counts.addi(x);
        }
        NDArray max = op.accept(new OpExecutor(name, List.of(counts), params));
        NDArray out = previousMax == null ? max.duplicate() : max.sub(previousMax);
        if (previousMax != null) {
            previousMax.close();
        }
        previousMax = max.duplicate();
        previousMax.attach(owner);
        return out;
    }

    /** Keeps the state arrays alive while a per-step manager is open. */
    void attachTo(NDManager step) {
        if (counts != null) {
            step.tempAttachAll(counts, previousMax);
        }
    }

    @Override
    public void close() {
        if (counts != null) {
            counts.close();
            previousMax.close();
        }
    }
}
