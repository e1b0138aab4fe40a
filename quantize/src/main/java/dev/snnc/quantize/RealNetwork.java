package dev.snnc.quantize;

import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxInputEncoding;
import java.util.List;

/**
 * A calibrated SNN in real units, ready for any target's quantization (see {@link RealNetworkBuilder}).
 * With rate-coded input the first layer's weights are per pixel spike, else per pixel byte.
 */
record RealNetwork(String name, Shape inputShape, List<RealPopulation> populations, List<RealGroup> readout,
                   double[] readoutBias, Shape readoutShape, FxInputEncoding inputEncoding) {
}
