package dev.snnc.quantize;

import dev.snnc.ir.Shape;
import java.util.List;

/** A calibrated SNN in real units, ready for any target's quantization (see {@link RealNetworkBuilder}). */
record RealNetwork(String name, Shape inputShape, List<RealPopulation> populations, List<RealGroup> readout,
                   double[] readoutBias, Shape readoutShape) {
}
