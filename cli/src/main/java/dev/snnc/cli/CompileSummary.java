package dev.snnc.cli;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The headline numbers of one {@code compile} run, as report.json's {@code summary} holds them
 * (docs/cli-json.md): accuracies on the evaluation images, agreement of the bit-exact predictions
 * with the ANN's and the float SNN's, steps per inference, the energy estimate where the target has
 * energy figures, and the backend's own key figures (e.g. cores, or FPGA cycles) after them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record CompileSummary(@JsonProperty("ann_accuracy") double annAccuracy,
                      @JsonProperty("float_snn_accuracy") double floatSnnAccuracy,
                      @JsonProperty("fixed_point_accuracy") double fixedPointAccuracy,
                      @JsonProperty("agreement_with_ann") double agreementWithAnn,
                      @JsonProperty("agreement_with_float_snn") double agreementWithFloatSnn,
                      @JsonProperty("eval_images") int evalImages,
                      @JsonProperty("steps_per_inference") int stepsPerInference,
                      @JsonProperty("energy_uj_per_image") Double energyMicrojoulesPerImage,
                      @com.fasterxml.jackson.annotation.JsonIgnore Map<String, Number> backendFigures) {
    CompileSummary {
        backendFigures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(backendFigures));
    }

    /** The backend's figures as top-level keys of the summary, after the common ones. */
    @JsonAnyGetter
    Map<String, Number> figures() {
        return backendFigures;
    }
}
