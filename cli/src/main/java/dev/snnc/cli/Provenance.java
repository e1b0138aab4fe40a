package dev.snnc.cli;

import dev.snnc.calibration.convert.PhaseCopies;
import dev.snnc.calibration.calib.CalibrationOptions;
import dev.snnc.calibration.calib.CalibrationStep;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.ir.Graph;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.quantize.Quantizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the .snn and .fx files record about how they were made, the same whichever command made
 * them ({@code calibrate}, {@code quantize} or {@code compile}).
 */
final class Provenance {
    private Provenance() {
    }

    /** Calibration: the source model, every option that changes the result, and the tool. */
    static Map<String, String> calibration(Graph ann, CalibrationOptions opt, int trainingImages) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("source.model", ann.name());
        p.put("source.sha256", ann.metadata().getOrDefault("source.sha256", ""));
        p.put("method", CalibrationStep.describe(opt.steps()));
        p.put("threshold", opt.threshold().describe());
        if (opt.biasIterations() != 1) { // written only when not the reference's one round: older files keep their bytes
            p.put("bias.iterations", Integer.toString(opt.biasIterations()));
        }
        p.put("neuron", opt.neuron().describe());
        String copies = ann.metadata().get(PhaseCopies.METADATA_KEY);
        if (copies != null) { // written only for a split model: older files keep their bytes
            p.put("phase_copies", copies);
        }
        p.put("calibration.images", Integer.toString(Math.min(opt.calibImages(), trainingImages)));
        p.put("calibration.data", trainingImages + " training images");
        p.put("batch_size", Integer.toString(opt.batchSize()));
        p.put("threshold_batches", Integer.toString(opt.thresholdBatches()));
        p.put("weight.iterations", Integer.toString(opt.weightIterations()));
        p.put("weight.learning_rate", Double.toString(opt.learningRate()));
        p.put("seed", Long.toString(opt.seed()));
        p.put("tool", tool());
        return p;
    }

    /** Quantization: the calibrated SNN's provenance under {@code snn.}, then the target and options. */
    static Map<String, String> quantization(CalibratedSnn snn, TargetSpec t, Quantizer.Options opt) {
        Map<String, String> p = new LinkedHashMap<>();
        snn.provenance().forEach((k, v) -> p.put("snn." + k, v));
        p.put("snn.timesteps", Integer.toString(snn.timesteps()));
        p.put("quantize.target", t.id());
        p.put("quantize.reset", t.arithmetic().reset().name().toLowerCase(Locale.ROOT));
        p.put("quantize.weight_bits", Integer.toString(t.arithmetic().weightBits()));
        p.put("quantize.calib_images", Integer.toString(opt.calibImages()));
        p.put("quantize.iterations", Integer.toString(opt.iterations()));
        p.put("quantize.seed", Long.toString(opt.seed()));
        if (Quantizer.splitsThresholdGroups(t)) { // absent where nothing splits, so those artifacts keep their bytes
            p.put("quantize.threshold_groups", Integer.toString(opt.thresholdGroups()));
        }
        snn.graph().preprocessing().filter(dev.snnc.ir.Preprocessing::hasGeometry) // absent without, as above
                .ifPresent(pre -> p.put(DataExpectation.GEOMETRY_KEY, pre.formatGeometry()));
        if (opt.rateInput()) { // absent for analog input, so analog models keep their bytes
            p.put("quantize.input", "rate");
        }
        p.put("tool", tool());
        return p;
    }

    private static String tool() {
        return "snnc " + new Version().getVersion()[0].replace("snnc ", "");
    }
}
