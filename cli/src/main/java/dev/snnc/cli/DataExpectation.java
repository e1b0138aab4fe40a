package dev.snnc.cli;

import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.Shape;
import dev.snnc.ir.fx.FxNetwork;

/**
 * What a model expects of the data it reads: the image shape, how many classes it scores (labels
 * must be below that), and for image files the resize/crop it was calibrated with.
 */
record DataExpectation(String model, Shape input, int classes, Preprocessing preprocessing) {
    /** Provenance key under which a fixed-point network keeps its image geometry (absent when none). */
    static final String GEOMETRY_KEY = "quantize.image_geometry";

    static DataExpectation of(Graph g, Preprocessing pre) {
        return new DataExpectation(g.name(), g.inputShape(), (int) g.outputShape().size(), pre);
    }

    /** A fixed-point network reads raw bytes; its geometry, if any, is in its provenance. */
    static DataExpectation of(FxNetwork fx) {
        String geometry = fx.provenance().get(GEOMETRY_KEY);
        Preprocessing pre = Preprocessing.RAW_BYTES;
        if (geometry != null && !geometry.isEmpty()) {
            Preprocessing parsed = Preprocessing.parse("scale=1;mean=0;std=1" + geometry);
            pre = pre.withGeometry(parsed.resize(), parsed.crop());
        }
        return new DataExpectation(fx.name(), fx.inputShape(), (int) fx.readout().shape().size(), pre);
    }
}
