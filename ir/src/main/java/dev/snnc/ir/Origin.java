package dev.snnc.ir;

/**
 * Where a node came from: the source model's node name and operator type (for ONNX, e.g.
 * {@code "/features/features.0/Conv"} and {@code "Conv"}). Every diagnostic names it.
 */
public record Origin(String sourceName, String sourceOp) {
    public static final Origin SYNTHETIC = new Origin("", "");

    public Origin {
        sourceName = sourceName == null ? "" : sourceName;
        sourceOp = sourceOp == null ? "" : sourceOp;
    }

    @Override
    public String toString() {
        if (this.equals(SYNTHETIC)) {
            return "<synthetic>";
        }
        return sourceOp + " node '" + sourceName + "'";
    }
}
