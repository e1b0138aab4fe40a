package dev.snnc.calibration.calib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.calibration.convert.AnnToSnn;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Node;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.op.Relu;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The calibration steps measurably reduce what each of them corrects, on real calibration images:
 * bias calibration the layers' mean rate error, potential initialisation the per-neuron mean
 * error, weight calibration its own loss. (Per layer a correction can overshoot where many
 * neurons see identical input, e.g. Fashion-MNIST's constant background; so the per-layer
 * assertions are on averages over layers plus a majority of layers, and the numbers are printed.)
 */
class CalibratorTest {
    private static Calibrator.Result calibrate(Graph ann, String method) {
        return Calibrator.calibrate(ann, CalibrationFixtures.train(), CalibrationFixtures.pre(ann),
                CalibrationFixtures.quick(method), ProgressSink.NONE);
    }

    private static void assertReduces(List<CalibrationReport.Layer> layers, ToDoubleFunction<RateMeasurement.Errors> metric,
                                      String what) {
        double before = 0;
        double after = 0;
        int improved = 0;
        StringBuilder table = new StringBuilder();
        for (CalibrationReport.Layer l : layers) {
            double b = metric.applyAsDouble(l.before());
            double a = metric.applyAsDouble(l.after());
            before += b;
            after += a;
            improved += a < b ? 1 : 0;
            table.append(String.format("%n  %s %.5f -> %.5f", l.name(), b, a));
        }
        System.out.println(what + ":" + table);
        assertTrue(after < 0.8 * before, what + ": mean over layers " + before / layers.size() + " -> " + after / layers.size() + table);
        assertTrue(improved > layers.size() / 2, what + ": only " + improved + " of " + layers.size() + " layers improved" + table);
    }

    @Test
    void biasCalibrationReducesTheLayersMeanRateError() {
        Calibrator.Result r = calibrate(CalibrationFixtures.mobilenet(), "light");
        assertEquals(11, r.report().layers().size());
        assertReduces(r.report().layers(), RateMeasurement.Errors::absMeanError, "|mean(r - a)| per layer (bias)");
    }

    @Test
    void aSecondBiasRoundLowersTheMeanErrorTheFirstLeft() {
        Graph ann = CalibrationFixtures.mobilenet();
        double[] left = new double[3];
        for (int rounds = 1; rounds <= 2; rounds++) {
            Calibrator.Result r = Calibrator.calibrate(ann, CalibrationFixtures.train(), CalibrationFixtures.pre(ann),
                    CalibrationFixtures.quick("light").withBiasIterations(rounds), ProgressSink.NONE);
            left[rounds] = r.report().layers().stream().mapToDouble(l -> l.after().absMeanError()).sum();
        }
        System.out.printf("sum over layers of |mean(r - a)| after bias: 1 round %.5f, 2 rounds %.5f%n", left[1], left[2]);
        assertTrue(left[2] < 0.8 * left[1], "1 round " + left[1] + ", 2 rounds " + left[2]);
        assertEquals(List.of(CalibrationStep.BIAS, CalibrationStep.BIAS, CalibrationStep.POTENTIAL),
                CalibrationFixtures.quick("bias,potential").withBiasIterations(2).corrections());
    }

    @Test
    void potentialInitialisationReducesThePerNeuronMeanError() {
        Calibrator.Result r = calibrate(CalibrationFixtures.mobilenet(), "advanced");
        assertReduces(r.report().layers(), RateMeasurement.Errors::neuronMeanAbsError, "mean_k |mean_n(r - a)| (potential)");
        IfNeuron first = (IfNeuron) r.snn().node("relu_0").orElseThrow().op();
        assertFalse(java.util.Arrays.equals(new float[first.initialPotential().size()], first.initialPotential().toArray()));
    }

    @Test
    void weightCalibrationLowersItsLossForDepthwiseAndPointwiseLayers() {
        Graph ann = CalibrationFixtures.mobilenet();
        Calibrator.Result r = calibrate(ann, "advanced+weights");
        List<WeightCalibration.Result> fits = r.report().weightFits();
        assertEquals(11, fits.size(), "one fit per population");
        assertFitsImprove(fits);
        boolean depthwiseFitted = fits.stream().anyMatch(f -> ((Conv2d) ann.node(f.layer()).orElseThrow().op()).isDepthwise());
        assertTrue(depthwiseFitted);
    }

    @Test
    void residualBlocksConvertWithTheSumFeedingOnePopulationAndCalibrate() {
        Graph ann = CalibrationFixtures.testModel("residual");
        Graph snn = AnnToSnn.convert(ann, NeuronModel.REFERENCE);
        assertFalse(snn.ops().stream().anyMatch(op -> op instanceof Relu));
        long fedBySum = snn.nodes().stream().filter(n -> n.op() instanceof IfNeuron)
                .map(n -> snn.node(n.input(0)).orElseThrow())
                .filter(Node -> Node.op() instanceof dev.snnc.ir.op.Add).count();
        assertEquals(2, fedBySum);
        Calibrator.Result r = calibrate(ann, "light+weights".replace("light+", "bias,"));
        assertEquals(3, r.report().weightFits().size());
        assertFitsImprove(r.report().weightFits());
    }

    /** No fit is ever worse than its start, most are strictly better, and the total loss drops. */
    private static void assertFitsImprove(List<WeightCalibration.Result> fits) {
        double before = 0;
        double after = 0;
        int better = 0;
        for (WeightCalibration.Result f : fits) {
            assertTrue(f.lossAfter() <= f.lossBefore(), f.toString());
            before += f.lossBefore();
            after += f.lossAfter();
            better += f.lossAfter() < f.lossBefore() ? 1 : 0;
        }
        System.out.println("weight fits: " + fits);
        assertTrue(better > fits.size() / 2, better + " of " + fits.size() + " fits improved: " + fits);
        assertTrue(after < before, "total loss " + before + " -> " + after);
    }

    @Test
    void maxPoolOfAReluStaysAndMaxPoolOfAnythingElseIsRejectedWithAHint() {
        dev.snnc.ir.Graph snn = AnnToSnn.convert(CalibrationFixtures.testModel("maxpool"), NeuronModel.REFERENCE);
        assertTrue(snn.nodes().stream().anyMatch(n -> n.op() instanceof dev.snnc.ir.op.MaxPool2d), "a spiking max pool");
        dev.snnc.ir.GraphBuilder b = dev.snnc.ir.Graph.builder("pool-first", "x", dev.snnc.ir.Shape.of(1, 4, 4));
        b.add("pool", new dev.snnc.ir.op.MaxPool2d(dev.snnc.ir.op.Window2d.of(2, 2, 0)), dev.snnc.ir.Origin.SYNTHETIC, "x");
        b.add("relu", new dev.snnc.ir.op.Relu(), dev.snnc.ir.Origin.SYNTHETIC, "pool");
        dev.snnc.ir.Graph ann = b.build();
        SnncException e = assertThrows(SnncException.class, () -> AnnToSnn.convert(ann, NeuronModel.REFERENCE));
        assertEquals(DiagnosticCode.NOT_CONVERTIBLE, e.diagnostics().get(0).code());
        assertTrue(e.diagnostics().get(0).message().contains("not a ReLU's output"), e.getMessage());
        assertTrue(e.diagnostics().get(0).hint().contains("average pooling"));
    }

    @Test
    void methodNamesMapToSteps() {
        assertEquals(java.util.Set.of(CalibrationStep.WEIGHTS, CalibrationStep.POTENTIAL),
                CalibrationStep.parseMethod("advanced+weights"));
        assertTrue(CalibrationStep.parseMethod("none").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> CalibrationStep.parseMethod("heavy"));
    }
}
