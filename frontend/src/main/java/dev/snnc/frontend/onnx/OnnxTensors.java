package dev.snnc.frontend.onnx;

import dev.snnc.frontend.onnx.proto.OnnxProto.TensorProto;
import dev.snnc.ir.Origin;
import dev.snnc.ir.Tensor;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** Decodes ONNX {@code TensorProto}s into IR tensors (float) or integer arrays (shapes, axes). */
public final class OnnxTensors {
    /** Largest constant we accept (elements); protects against forged dims that would exhaust memory. */
    static final long MAX_ELEMENTS = 1L << 28;

    private OnnxTensors() {
    }

    public static Tensor toFloatTensor(TensorProto t, Origin origin) {
        int[] dims = dims(t, origin);
        int n = elementCount(dims);
        float[] values = new float[n];
        switch (t.getDataType()) {
            case TensorProto.DataType.FLOAT_VALUE -> {
                if (t.hasRawData()) {
                    rawBuffer(t, n, 4, origin).asFloatBuffer().get(values);
                } else {
                    requireCount(t, t.getFloatDataCount(), n, origin);
                    for (int i = 0; i < n; i++) {
                        values[i] = t.getFloatData(i);
                    }
                }
            }
            case TensorProto.DataType.DOUBLE_VALUE -> {
                if (t.hasRawData()) {
                    ByteBuffer b = rawBuffer(t, n, 8, origin);
                    for (int i = 0; i < n; i++) {
                        values[i] = (float) b.getDouble();
                    }
                } else {
                    requireCount(t, t.getDoubleDataCount(), n, origin);
                    for (int i = 0; i < n; i++) {
                        values[i] = (float) t.getDoubleData(i);
                    }
                }
            }
            case TensorProto.DataType.INT64_VALUE, TensorProto.DataType.INT32_VALUE -> {
                long[] ints = toLongs(t, origin);
                for (int i = 0; i < n; i++) {
                    values[i] = ints[i];
                }
            }
            default -> throw new SnncException(Diagnostic.of(DiagnosticCode.UNSUPPORTED_ATTRIBUTE, origin,
                    "tensor '" + t.getName() + "' has data type " + dataTypeName(t.getDataType())
                            + "; only float32, float64, int32 and int64 constants are supported"));
        }
        return Tensor.of(values, dims);
    }

    public static long[] toLongs(TensorProto t, Origin origin) {
        int n = elementCount(dims(t, origin));
        long[] values = new long[n];
        switch (t.getDataType()) {
            case TensorProto.DataType.INT64_VALUE -> {
                if (t.hasRawData()) {
                    rawBuffer(t, n, 8, origin).asLongBuffer().get(values);
                } else {
                    requireCount(t, t.getInt64DataCount(), n, origin);
                    for (int i = 0; i < n; i++) {
                        values[i] = t.getInt64Data(i);
                    }
                }
            }
            case TensorProto.DataType.INT32_VALUE -> {
                if (t.hasRawData()) {
                    ByteBuffer b = rawBuffer(t, n, 4, origin);
                    for (int i = 0; i < n; i++) {
                        values[i] = b.getInt();
                    }
                } else {
                    requireCount(t, t.getInt32DataCount(), n, origin);
                    for (int i = 0; i < n; i++) {
                        values[i] = t.getInt32Data(i);
                    }
                }
            }
            case TensorProto.DataType.FLOAT_VALUE, TensorProto.DataType.DOUBLE_VALUE -> {
                float[] f = toFloatTensor(t, origin).toArray();
                for (int i = 0; i < n; i++) {
                    values[i] = (long) f[i];
                }
            }
            default -> throw new SnncException(Diagnostic.of(DiagnosticCode.UNSUPPORTED_ATTRIBUTE, origin,
                    "tensor '" + t.getName() + "' has data type " + dataTypeName(t.getDataType())
                            + " where an integer tensor was expected"));
        }
        return values;
    }

    static boolean isExternal(TensorProto t) {
        return t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0;
    }

    private static int[] dims(TensorProto t, Origin origin) {
        if (isExternal(t)) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.EXTERNAL_DATA, origin,
                    "tensor '" + t.getName() + "' keeps its data in an external file")
                    .withHint("re-save the model with all tensors inside the .onnx file "
                            + "(onnx.save_model(m, path, save_as_external_data=False))"));
        }
        int[] dims = new int[t.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > MAX_ELEMENTS) {
                throw malformed(t, origin, "dimension " + i + " is " + d);
            }
            dims[i] = (int) d;
        }
        return dims;
    }

    private static int elementCount(int[] dims) {
        long n = 1;
        for (int d : dims) {
            n *= d;
            if (n > MAX_ELEMENTS) {
                throw new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, Origin.SYNTHETIC,
                        "tensor of shape " + Arrays.toString(dims) + " exceeds " + MAX_ELEMENTS + " elements"));
            }
        }
        return (int) n;
    }

    private static ByteBuffer rawBuffer(TensorProto t, int n, int width, Origin origin) {
        long expected = (long) n * width;
        if (t.getRawData().size() != expected) {
            throw malformed(t, origin, "raw_data has " + t.getRawData().size() + " bytes, shape "
                    + t.getDimsList() + " needs " + expected);
        }
        return t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void requireCount(TensorProto t, int actual, int expected, Origin origin) {
        if (actual != expected) {
            throw malformed(t, origin, "has " + actual + " values, shape " + t.getDimsList() + " needs " + expected);
        }
    }

    private static SnncException malformed(TensorProto t, Origin origin, String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.MALFORMED_MODEL, origin,
                "tensor '" + t.getName() + "' " + what));
    }

    static String dataTypeName(int code) {
        TensorProto.DataType dt = TensorProto.DataType.forNumber(code);
        return dt == null ? "#" + code : dt.name();
    }
}
