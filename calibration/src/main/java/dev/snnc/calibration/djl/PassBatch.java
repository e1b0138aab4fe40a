package dev.snnc.calibration.djl;

import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.op.IfNeuron;

/**
 * How many images one float SNN batch takes: at most what was asked for, fewer where the largest
 * population's float state for one batch would pass a budget ({@link #BYTES} for calibration's
 * measurement passes, {@link #EVALUATION_BYTES} for accuracy runs). The neuron updates are
 * elementwise and stream through memory, so a pass whose tensors leave the cache runs at memory
 * speed: on 2 cores, `light` on MobileNetV1 at 224x224 (32 images, 800k neurons in its largest
 * population) took 134 s with passes of 32 images, 81 s with 16, 63 s with 8 and 64 s with 4 (and
 * the bundled 28x28 MobileNet ran 2.3 times slower with 512 than with 128). 32 MiB leaves the
 * 28x28 models at the default 128 and gives 224x224 MobileNets 10.
 */
public final class PassBatch {
    /** Bytes of one population's float state per pass that a pass batch aims to stay within. */
    public static final long BYTES = 32L << 20;
    /**
     * The evaluation budget: evaluation keeps every layer's output of a step alive until the step ends
     * (about 2.5 times the neuron count per image in floats for MobileNetV1), so without a cap a 224x224
     * batch of 100 images held gigabytes. 64 MiB leaves the 28x28 and 32x32 models' batches (250, 256)
     * as they were, so their accuracies keep every digit, and gives 224x224 MobileNets 20 images.
     */
    public static final long EVALUATION_BYTES = 64L << 20;

    private PassBatch() {
    }

    /** A calibration pass's images: {@link #fit(Graph, int, long)} within {@link #BYTES}. */
    public static int fit(Graph snn, int requested) {
        return fit(snn, requested, BYTES);
    }

    /** At most {@code requested} images, and at most {@code bytes} of the largest population's state (at least 1). */
    public static int fit(Graph snn, int requested, long bytes) {
        long largest = 1;
        for (Node n : snn.nodes()) {
            if (n.op() instanceof IfNeuron) {
                largest = Math.max(largest, snn.shapeOf(n.name()).size());
            }
        }
        return (int) Math.max(1, Math.min(requested, bytes / (Float.BYTES * largest)));
    }
}
