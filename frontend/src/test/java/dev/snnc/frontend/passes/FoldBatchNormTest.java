package dev.snnc.frontend.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.snnc.ir.Graph;
import dev.snnc.ir.GraphBuilder;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.op.ChannelAffine;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Relu;
import dev.snnc.ir.op.Window2d;
import org.junit.jupiter.api.Test;

class FoldBatchNormTest {
    private static final ChannelAffine BN = new ChannelAffine(Tensor.of(new float[] {2, -1}, 2), Tensor.of(new float[] {1, 3}, 2));

    private static Conv2d conv() {
        return new Conv2d(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2, 1, 1), Tensor.of(new float[] {10, 20}, 2),
                Window2d.of(1, 1, 0), 1);
    }

    @Test
    void foldsScaleIntoWeightsAndShiftIntoBias() {
        GraphBuilder b = Graph.builder("g", "x", Shape.of(2, 3, 3));
        b.add("c", conv(), new Origin("conv", "Conv"), "x");
        b.add("bn", BN, new Origin("bn", "BatchNormalization"), "c");
        b.add("r", new Relu(), Origin.SYNTHETIC, "bn");
        Graph folded = new FoldBatchNorm().run(b.build());
        assertEquals(2, folded.nodes().size());
        Conv2d c = (Conv2d) folded.ops().get(0);
        assertArrayEquals(new float[] {2, 4, -3, -4}, c.weight().toArray());
        assertArrayEquals(new float[] {21, -17}, c.bias().toArray());
        assertEquals("c", folded.nodes().get(1).input(0));
        assertEquals(new Origin("conv", "Conv"), folded.nodes().get(0).origin());
    }

    @Test
    void leavesTheAffineWhenTheConvOutputHasOtherReaders() {
        GraphBuilder b = Graph.builder("g", "x", Shape.of(2, 3, 3));
        b.add("c", conv(), Origin.SYNTHETIC, "x");
        b.add("bn", BN, Origin.SYNTHETIC, "c");
        b.add("sum", new dev.snnc.ir.op.Add(), Origin.SYNTHETIC, "bn", "c");
        Graph g = b.build();
        assertSame(g, new FoldBatchNorm().run(g));
    }
}
