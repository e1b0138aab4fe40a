package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.GraphProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.ModelProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.OperatorSetIdProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.TensorProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.TensorShapeProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.TypeProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.ValueInfoProto;

/** Builds small ONNX models in tests without Python. */
final class OnnxModels {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private int opset = 13;

    static OnnxModels withImageInput(String name, long... dims) {
        OnnxModels m = new OnnxModels();
        m.graph.addInput(value(name, dims));
        return m;
    }

    static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            shape.addDim(i == 0 ? TensorShapeProto.Dimension.newBuilder().setDimParam("N")
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(dims[i]));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(
                TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape))).build();
    }

    static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long d : dims) {
            t.addDims(d);
        }
        for (float v : values) {
            t.addFloatData(v);
        }
        return t.build();
    }

    OnnxModels opset(int v) {
        this.opset = v;
        return this;
    }

    OnnxModels initializer(TensorProto t) {
        graph.addInitializer(t);
        return this;
    }

    OnnxModels node(String name, String opType, String[] inputs, String... outputs) {
        NodeProto.Builder n = NodeProto.newBuilder().setName(name).setOpType(opType);
        for (String i : inputs) {
            n.addInput(i);
        }
        for (String o : outputs) {
            n.addOutput(o);
        }
        graph.addNode(n);
        return this;
    }

    OnnxModels output(String name) {
        graph.addOutput(ValueInfoProto.newBuilder().setName(name));
        return this;
    }

    ModelProto build() {
        return ModelProto.newBuilder().setIrVersion(8).setProducerName("snnc-test").setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
    }
}
