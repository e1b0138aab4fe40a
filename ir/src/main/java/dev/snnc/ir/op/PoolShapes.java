package dev.snnc.ir.op;

import dev.snnc.ir.Shape;

/** Output shape of a channel-preserving windowed op. */
final class PoolShapes {
    private PoolShapes() {
    }

    static Shape pooled(Shape in, Window2d window) {
        in.requireRank(3);
        return Shape.of(in.channels(), window.outputHeight(in.height()), window.outputWidth(in.width()));
    }
}
