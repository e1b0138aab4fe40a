package dev.snnc.calibration.calib;

import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.op.IfNeuron;

/**
 * How many images one SNN measurement pass takes: at most what was asked for, fewer where the
 * largest population's float state for one pass would pass {@link #BYTES}. The neuron updates are
 * elementwise and stream through memory, so a pass whose tensors leave the cache runs at memory
 * speed: on 2 cores, `light` on MobileNetV1 at 224x224 (32 images, 800k neurons in its largest
 * population) took 134 s with passes of 32 images, 81 s with 16, 63 s with 8 and 64 s with 4 (and
 * the bundled 28x28 MobileNet ran 2.3 times slower with 512 than with 128). 32 MiB leaves the
 * 28x28 models at the default 128 and gives 224x224 MobileNets 10.
 */
final class PassBatch {
    /** Bytes of one population's float state per pass that a pass batch aims to stay within. */
    static final long BYTES = 32L << 20;

    private PassBatch() {
    }

    static int fit(Graph snn, int requested) {
        long largest = 1;
        for (Node n : snn.nodes()) {
            if (n.op() instanceof IfNeuron) {
                largest = Math.max(largest, snn.shapeOf(n.name()).size());
            }
        }
        return (int) Math.max(1, Math.min(requested, BYTES / (Float.BYTES * largest)));
    }
}
