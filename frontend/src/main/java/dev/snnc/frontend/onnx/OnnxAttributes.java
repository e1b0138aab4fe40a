package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.AttributeProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.NodeProto;
import dev.snnc.frontend.onnx.proto.OnnxProto.TensorProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Typed access to a node's attributes, with diagnostics that name the node and attribute. */
final class OnnxAttributes {
    private final Map<String, AttributeProto> byName = new LinkedHashMap<>();
    private final Origin origin;

    OnnxAttributes(NodeProto node, Origin origin) {
        this.origin = origin;
        for (AttributeProto a : node.getAttributeList()) {
            byName.put(a.getName(), a);
        }
    }

    boolean has(String name) {
        return byName.containsKey(name);
    }

    long getInt(String name, long defaultValue) {
        AttributeProto a = byName.get(name);
        return a == null ? defaultValue : a.getI();
    }

    float getFloat(String name, float defaultValue) {
        AttributeProto a = byName.get(name);
        return a == null ? defaultValue : a.getF();
    }

    String getString(String name, String defaultValue) {
        AttributeProto a = byName.get(name);
        return a == null ? defaultValue : a.getS().toStringUtf8();
    }

    Optional<int[]> getInts(String name) {
        AttributeProto a = byName.get(name);
        if (a == null) {
            return Optional.empty();
        }
        int[] v = new int[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            long x = a.getInts(i);
            if (x < Integer.MIN_VALUE || x > Integer.MAX_VALUE) {
                throw unsupported("attribute " + name + " value " + x + " is out of range");
            }
            v[i] = (int) x;
        }
        return Optional.of(v);
    }

    Optional<TensorProto> getTensor(String name) {
        AttributeProto a = byName.get(name);
        return a == null || !a.hasT() ? Optional.empty() : Optional.of(a.getT());
    }

    /** A 2-element spatial attribute (kernel, stride, dilation) with a default. */
    int[] spatialPair(String name, int defaultValue) {
        int[] v = getInts(name).orElse(new int[] {defaultValue, defaultValue});
        if (v.length != 2) {
            throw unsupported(name + " has " + v.length + " values; only 2-D operations are supported");
        }
        return v;
    }

    SnncException unsupported(String message) {
        return new SnncException(Diagnostic.of(DiagnosticCode.UNSUPPORTED_ATTRIBUTE, origin, message));
    }
}
