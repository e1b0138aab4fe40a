package dev.snnc.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.op.Add;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Flatten;
import dev.snnc.ir.op.GlobalAvgPool;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Relu;
import dev.snnc.ir.op.Window2d;
import org.junit.jupiter.api.Test;

class GraphTest {
    static Conv2d conv(int in, int out, int k, int stride, int groups) {
        return new Conv2d(Tensor.zeros(out, in / groups, k, k), Tensor.zeros(out), Window2d.of(k, stride, k / 2), groups);
    }

    /** A depthwise-separable block with a residual add and a classifier. */
    static Graph smallNet() {
        GraphBuilder b = Graph.builder("small", "x", Shape.of(3, 8, 8));
        String c0 = b.add("c0", conv(3, 4, 3, 1, 1), new Origin("conv0", "Conv"), "x");
        String r0 = b.add("r0", new Relu(), new Origin("relu0", "Relu"), c0);
        String dw = b.add("dw", conv(4, 4, 3, 1, 4), new Origin("dw", "Conv"), r0);
        String pw = b.add("pw", conv(4, 4, 1, 1, 1), new Origin("pw", "Conv"), dw);
        String sum = b.add("sum", new Add(), new Origin("add", "Add"), pw, r0);
        String gap = b.add("gap", new GlobalAvgPool(), Origin.SYNTHETIC, sum);
        String flat = b.add("flat", new Flatten(), Origin.SYNTHETIC, gap);
        b.add("fc", new Linear(Tensor.zeros(10, 4), Tensor.zeros(10)), new Origin("fc", "Gemm"), flat);
        return b.build();
    }

    @Test
    void infersShapesOfEveryValue() {
        Graph g = smallNet();
        assertEquals(Shape.of(4, 8, 8), g.shapeOf("dw"));
        assertEquals(Shape.of(4, 1, 1), g.shapeOf("gap"));
        assertEquals(Shape.of(4), g.shapeOf("flat"));
        assertEquals(Shape.of(10), g.outputShape());
        assertEquals("fc", g.outputName());
    }

    @Test
    void countsParamsAndMacs() {
        Graph g = smallNet();
        // c0: 4*3*9 + 4; dw: 4*1*9 + 4; pw: 4*4 + 4; fc: 40 + 10
        assertEquals(112 + 40 + 20 + 50, GraphStats.totalParams(g));
        // c0: 4*64 outputs * 27; dw: 256 * 9; pw: 256 * 4; fc: 40
        assertEquals(256 * 27 + 256 * 9 + 256 * 4 + 40, GraphStats.totalMacs(g));
    }

    @Test
    void shapeMismatchIsADiagnosticNamingTheNode() {
        GraphBuilder b = Graph.builder("bad", "x", Shape.of(3, 8, 8));
        b.add("c", conv(4, 4, 3, 1, 1), new Origin("/layer1/Conv", "Conv"), "x");
        SnncException e = assertThrows(SnncException.class, b::build);
        assertEquals(DiagnosticCode.SHAPE_MISMATCH, e.diagnostics().get(0).code());
        assertTrue(e.getMessage().contains("/layer1/Conv"), e.getMessage());
        assertTrue(e.getMessage().contains("3 channels"), e.getMessage());
    }

    @Test
    void useBeforeDefinitionIsReported() {
        GraphBuilder b = Graph.builder("bad", "x", Shape.of(4));
        b.add("r", new Relu(), new Origin("r", "Relu"), "missing");
        SnncException e = assertThrows(SnncException.class, b::build);
        assertEquals(DiagnosticCode.MISSING_VALUE, e.diagnostics().get(0).code());
    }

    @Test
    void printerIsCanonicalAndNoticesWeightChanges() {
        Graph g = smallNet();
        String text = GraphPrinter.print(g);
        assertEquals(text, GraphPrinter.print(g.toBuilder().build()));
        assertTrue(text.startsWith("graph \"small\" input %x : [3,8,8] output %fc\n"), text);
        assertTrue(text.contains("%dw = Conv2d(%r0) kernel=3x3 stride=1x1 pad=1,1,1,1 groups=4 weight=[4,1,3,3]#"), text);
        assertTrue(text.contains("%sum = Add(%pw, %r0) : [4,8,8]  # Add \"add\""), text);

        GraphBuilder changed = Graph.builder("small", "x", Shape.of(4));
        changed.add("fc", new Linear(Tensor.of(new float[] {1, 2, 3, 4}, 1, 4), Tensor.zeros(1)), Origin.SYNTHETIC, "x");
        GraphBuilder same = Graph.builder("small", "x", Shape.of(4));
        same.add("fc", new Linear(Tensor.of(new float[] {1, 2, 3, 5}, 1, 4), Tensor.zeros(1)), Origin.SYNTHETIC, "x");
        assertNotEquals(GraphPrinter.print(changed.build()), GraphPrinter.print(same.build()));
    }

    @Test
    void consumersAreFoundInOrder() {
        Graph g = smallNet();
        assertEquals(2, g.consumers("r0").size());
        assertEquals("dw", g.consumers("r0").get(0).name());
    }

    @Test
    void asymmetricPaddingChangesOutputSize() {
        Window2d w = new Window2d(3, 3, 2, 2, 1, 1, new Padding(0, 1, 1, 0), false);
        assertEquals(3, w.outputHeight(7)); // (7 + 1 - 3) / 2 + 1
        assertEquals(2, w.outputWidth(5)); // (5 + 1 - 3) / 2 + 1
    }
}
