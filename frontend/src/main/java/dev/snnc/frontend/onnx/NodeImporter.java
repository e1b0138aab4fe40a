package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.ir.Origin;

/** Converts one ONNX operator type into IR nodes (or constants, or aliases) in the context. */
interface NodeImporter {
    void convert(NodeProto node, Origin origin, OnnxAttributes attrs, ImportContext ctx);
}
