package dev.snnc.frontend.onnx;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.snnc.frontend.ModelLoader;
import dev.snnc.frontend.onnx.proto.OnnxProto.AttributeProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.ModelProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.diag.SnncException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Structured mutations of real models, as a hostile or broken exporter would write them: integer
 * attributes set to 0, negative or huge values (strides, dilations, kernel_shape, pads, group),
 * inputs removed, Clip bounds NaN, operators swapped. Every case ends in a graph or an SNNC-E
 * diagnostic (exit 2), never another exception (exit 3), within a time bound; a failure names its seed.
 */
class StructuredModelFuzzTest {
    static final int CASES = 1200;
    private static final long[] VALUES = {0, -1, -7, 1, 2, 3, 1_000_000, Integer.MAX_VALUE, Integer.MIN_VALUE,
        Long.MAX_VALUE, 1L << 40};
    private static final List<String> OPS = List.of("Conv", "AveragePool", "MaxPool", "Relu", "Clip", "Gemm", "Add",
            "Flatten", "GlobalAveragePool", "BatchNormalization", "Pad", "Reshape", "Identity");

    @Test
    void mutatedAttributesAndInputsGiveDiagnostics() throws Exception {
        List<ModelProto> models = List.of(
                ModelProto.parseFrom(Files.readAllBytes(Path.of("..", "testdata", "models", "residual.onnx"))),
                ModelProto.parseFrom(Files.readAllBytes(Path.of("..", "testdata", "models", "mobilenet_bn_unfolded.onnx"))),
                ModelProto.parseFrom(Files.readAllBytes(Path.of("..", "testdata", "models", "avgpool_stack.onnx"))));
        int refused = 0;
        for (long seed = 0; seed < CASES; seed++) {
            Random r = new Random(seed);
            ModelProto m = mutate(models.get(r.nextInt(models.size())), r);
            long t0 = System.nanoTime();
            try {
                ModelLoader.runPasses(new OnnxImporter().importBytes(m.toByteArray(), "fuzz-" + seed));
            } catch (SnncException e) {
                refused++;
                assertTrue(e.getMessage().startsWith("error SNNC-E"), "seed " + seed + ": " + e.getMessage());
            } catch (Throwable e) {
                fail("seed " + seed + " ended in " + e + " (exit 3)", e);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(seconds < 10, "seed " + seed + " took " + seconds + " s");
        }
        System.out.printf("onnx structured fuzz: %d cases, %d refused with SNNC-E%n", CASES, refused);
        assertTrue(refused > CASES / 3, "most mutations are refused, " + refused + " were");
    }

    /** The reproductions from the issue: each is SNNC-E102/E100 naming the node and the value, never exit 3. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"Conv,strides,0,strides [0, 0] must be in 1..64",
        "Conv,dilations,-1,dilations [-1, -1] must be in 1..64", "Conv,pads,1000000,limit snnc.limit.padding=256",
        "Conv,pads,2147483647,pads [2147483647", "Conv,kernel_shape,0,disagrees with weight",
        "AveragePool,strides,0,strides [0, 0] must be in 1..64", "Conv,group,0,group 0 must be in",
        "Conv,group,-7,group -7 must be in"})
    void reproductionsAreDiagnostics(String op, String attribute, long value, String expected) throws Exception {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(Path.of("..", "testdata", "models", "avgpool_stack.onnx")));
        ModelProto.Builder b = m.toBuilder();
        NodeProto.Builder node = b.getGraphBuilder().getNodeBuilderList().stream().filter(n -> n.getOpType().equals(op))
                .findFirst().orElseThrow();
        node.clearAttribute().addAllAttribute(m.getGraph().getNodeList().stream().filter(n -> n.getName()
                .equals(node.getName())).findFirst().orElseThrow().getAttributeList().stream()
                .filter(a -> !a.getName().equals(attribute)).toList());
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(attribute);
        if (attribute.equals("group")) {
            a.setType(AttributeProto.AttributeType.INT).setI(value);
        } else {
            a.setType(AttributeProto.AttributeType.INTS);
            for (int i = 0; i < (attribute.equals("pads") ? 4 : 2); i++) {
                a.addInts(value);
            }
        }
        node.addAttribute(a);
        SnncException e = org.junit.jupiter.api.Assertions.assertThrows(SnncException.class,
                () -> ModelLoader.runPasses(new OnnxImporter().importBytes(b.build().toByteArray(), "repro")));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains(op + " node"), e.getMessage());
    }

    @Test
    void convWithOneInputAndClipWithNaNAreDiagnostics() throws Exception {
        ModelProto m = ModelProto.parseFrom(Files.readAllBytes(Path.of("..", "testdata", "models", "residual.onnx")));
        ModelProto.Builder b = m.toBuilder();
        NodeProto.Builder conv = b.getGraphBuilder().getNodeBuilderList().stream().filter(n -> n.getOpType().equals("Conv"))
                .findFirst().orElseThrow();
        String x = conv.getInput(0);
        conv.clearInput().addInput(x);
        SnncException e = org.junit.jupiter.api.Assertions.assertThrows(SnncException.class,
                () -> new OnnxImporter().importBytes(b.build().toByteArray(), "one-input"));
        assertTrue(e.getMessage().contains("weight input (input 1) is missing"), e.getMessage());
    }

    private static ModelProto mutate(ModelProto m, Random r) {
        ModelProto.Builder b = m.toBuilder();
        int edits = 1 + r.nextInt(2);
        for (int e = 0; e < edits; e++) {
            int n = r.nextInt(b.getGraph().getNodeCount());
            NodeProto.Builder node = b.getGraphBuilder().getNodeBuilder(n);
            switch (r.nextInt(6)) {
                case 0, 1 -> attribute(node, r);
                case 2 -> {
                    if (node.getInputCount() > 0) {
                        List<String> in = new java.util.ArrayList<>(node.getInputList());
                        in.remove(r.nextInt(in.size()));
                        node.clearInput().addAllInput(in);
                    }
                }
                case 3 -> node.setOpType(OPS.get(r.nextInt(OPS.size())));
                case 4 -> node.addAttribute(AttributeProto.newBuilder().setName(r.nextBoolean() ? "min" : "max")
                        .setType(AttributeProto.AttributeType.FLOAT).setF(Float.NaN));
                default -> node.addAttribute(AttributeProto.newBuilder().setName(List.of("strides", "pads", "dilations",
                        "kernel_shape").get(r.nextInt(4))).setType(AttributeProto.AttributeType.INTS)
                        .addInts(VALUES[r.nextInt(VALUES.length)]).addInts(VALUES[r.nextInt(VALUES.length)]));
            }
        }
        return b.build();
    }

    /** One existing integer attribute (or one element of an integer list) set to a boundary value. */
    private static void attribute(NodeProto.Builder node, Random r) {
        if (node.getAttributeCount() == 0) {
            node.addAttribute(AttributeProto.newBuilder().setName("group").setType(AttributeProto.AttributeType.INT)
                    .setI(VALUES[r.nextInt(VALUES.length)]));
            return;
        }
        AttributeProto.Builder a = node.getAttributeBuilder(r.nextInt(node.getAttributeCount()));
        long v = VALUES[r.nextInt(VALUES.length)];
        if (a.getIntsCount() > 0) {
            a.setInts(r.nextInt(a.getIntsCount()), v);
        } else if (a.getType() == AttributeProto.AttributeType.FLOAT) {
            a.setF(r.nextBoolean() ? Float.NaN : (float) v);
        } else {
            a.setI(v);
        }
    }
}
