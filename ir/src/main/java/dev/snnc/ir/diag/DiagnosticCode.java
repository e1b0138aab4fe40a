package dev.snnc.ir.diag;

/**
 * Stable codes for user-facing problems. The code string never changes once released, so scripts
 * and docs can refer to it; the title is a short human summary.
 */
public enum DiagnosticCode {
    MALFORMED_MODEL("SNNC-E100", "the model file cannot be parsed"),
    UNSUPPORTED_OP("SNNC-E101", "operator not supported for conversion"),
    UNSUPPORTED_ATTRIBUTE("SNNC-E102", "operator form not supported for conversion"),
    UNSUPPORTED_OPSET("SNNC-E103", "opset version not supported"),
    EXTERNAL_DATA("SNNC-E104", "tensor stored outside the model file"),
    SHAPE_MISMATCH("SNNC-E105", "shapes do not fit"),
    BAD_INPUT_SIGNATURE("SNNC-E106", "model input is not a single image batch"),
    MISSING_VALUE("SNNC-E107", "a value is used but never produced"),
    NOT_CONVERTIBLE("SNNC-E108", "layer has no spiking equivalent"),
    BAD_SNN_FILE("SNNC-E109", "calibrated SNN file cannot be read"),
    BAD_FX_FILE("SNNC-E110", "fixed-point model file cannot be read"),
    OVERFLOW("SNNC-E111", "values do not fit the target's widths"),
    DOES_NOT_FIT("SNNC-E112", "network does not fit the chip"),
    DATA_FILE("SNNC-E200", "dataset file missing or corrupt"),
    DATA_MISMATCH("SNNC-E201", "dataset does not fit the model"),
    BAD_OPTION("SNNC-E300", "option value out of range"),
    OUTPUT_FILE("SNNC-E301", "output cannot be written");

    private final String code;
    private final String title;

    DiagnosticCode(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }
}
