package dev.snnc.quantize;

import dev.snnc.ir.Shape;
import java.util.List;

/**
 * A population in real units: per-channel thresholds, a constant per-neuron current each step
 * (layer biases, calibrated bias and the θ/2T shift), initial potentials, the spiking groups that
 * feed it, and optionally the first layer reading pixel bytes with its per-neuron constant (the
 * preprocessing mean folded in), and the ONNX node it came from.
 */
record RealPopulation(String name, Shape shape, double[] threshold, double[] current, double[] initialV,
                      List<RealGroup> groups, RealGroup input, double[] inputBias, dev.snnc.ir.Origin origin) {

    double maxThreshold() {
        double m = 0;
        for (double t : threshold) {
            m = Math.max(m, t);
        }
        return m;
    }

    int plane() {
        return (int) (shape.size() / shape.dim(0));
    }
}
