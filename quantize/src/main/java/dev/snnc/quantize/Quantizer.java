package dev.snnc.quantize;

import dev.snnc.ir.Graph;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.simulator.FxSimulator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Maps a calibrated float SNN onto a target's fixed point ({@link FixedPointMapper}), then,
 * unless disabled, recalibrates the integer biases against the target's exact arithmetic
 * ({@link IntegerRecalibration}) on a seeded subset of calibration images.
 */
public final class Quantizer {
    /**
     * @param calibImages  calibration images drawn (seeded) from the data set
     * @param iterations   bias corrections per population (0 = plain rounding)
     * @param seed         seed of the image draw
     * @param rateInput    the SNN was calibrated with rate-coded input: pixels become binary spikes
     *                     through on-chip synapses (see {@link dev.snnc.ir.fx.FxInputEncoding})
     * @param thresholdGroups the most populations one population may become on a target with one
     *                     threshold per population ({@link ThresholdGroups}); 1 never splits
     */
    public record Options(int calibImages, int iterations, long seed, boolean rateInput, int thresholdGroups) {
        /**
         * Threshold groups per population by default. Bundled MobileNet with 2 phase copies, T=128, stock
         * loihi2 LIF, full test set: 1 group 91.09%, 4 groups 91.52%, 8 groups 91.48%
         * (bench/results/threshold-groups-T128.md).
         */
        public static final int DEFAULT_THRESHOLD_GROUPS = 4;
        public static final Options DEFAULT = new Options(128, 2, 0, false);
        /**
         * Iterations where the target's neurons reset to zero: they lose more to integer arithmetic
         * (bundled MobileNet, T=64, stock loihi2 LIF on the 10k test set: 89.54% with 2, 89.80% with 4,
         * float SNN 89.87%; bench/results/reset-zero-fixed-point-T64-i4.md).
         */
        public static final int RESET_TO_ZERO_ITERATIONS = 4;

        /** The default iterations for a target: {@link #RESET_TO_ZERO_ITERATIONS} where it resets to zero. */
        public static int defaultIterations(dev.snnc.ir.target.TargetSpec target) {
            return target.arithmetic().reset() == dev.snnc.ir.target.TargetSpec.Reset.ZERO ? RESET_TO_ZERO_ITERATIONS
                    : DEFAULT.iterations();
        }

        public Options(int calibImages, int iterations, long seed) {
            this(calibImages, iterations, seed, false);
        }

        public Options(int calibImages, int iterations, long seed, boolean rateInput) {
            this(calibImages, iterations, seed, rateInput, DEFAULT_THRESHOLD_GROUPS);
        }

        public Options {
            if (calibImages < 1 || iterations < 0 || thresholdGroups < 1) {
                throw new IllegalArgumentException("calibration images and threshold groups must be positive and "
                        + "iterations >= 0, got " + calibImages + ", " + thresholdGroups + " and " + iterations);
            }
        }

        /** The same options with at most {@code groups} threshold groups per population. */
        public Options withThresholdGroups(int groups) {
            return new Options(calibImages, iterations, seed, rateInput, groups);
        }
    }

    /**
     * The fixed-point network, per-population quantization reports, timings, and the populations
     * split into threshold groups (by converted population name, in network order).
     */
    public record Result(FxNetwork network, List<LayerQuantization> layers, double mapSeconds, double recalibrationSeconds,
                         Map<String, List<ThresholdGroup>> thresholdGroups) {
        public Result {
            layers = List.copyOf(layers);
            thresholdGroups = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(thresholdGroups));
        }
    }

    private Quantizer() {
    }

    /**
     * A target whose files cannot set starting potentials (lava-dl netx) starts every neuron at 0;
     * a model whose calibration set them (potential calibration) would silently change, so it is
     * refused, naming the first such population.
     */
    static void requireStartingPotentialsFit(Graph snn, TargetSpec target) {
        if (target.choices().initialPotentials()) {
            return;
        }
        for (dev.snnc.ir.Node n : snn.nodes()) {
            if (n.op() instanceof IfNeuron f) {
                float[] v0 = f.initialPotential().toArray();
                for (int k = 0; k < v0.length; k++) {
                    if (v0[k] != 0f) {
                        throw new dev.snnc.ir.diag.SnncException(dev.snnc.ir.diag.Diagnostic.of(
                                dev.snnc.ir.diag.DiagnosticCode.NOT_CONVERTIBLE, n.origin(), "population " + n.name()
                                        + " neuron " + k + " starts at potential " + v0[k] + "; target " + target.id()
                                        + " starts every neuron at 0 (its files have no field for it)")
                                .withHint("calibrate without potential calibration (--method light or none) and without --phase-copies "
                                        + "(its copies start at staggered potentials)"));
                    }
                }
            }
        }
    }

    /**
     * Quantizes {@code snn} (calibrated for {@code timesteps}) for {@code target}. The progress
     * consumer receives the number of the SNN's populations recalibrated so far (one split into
     * threshold groups counts when its last part is done), so its total, {@link #progressTotal}, is
     * known before quantizing.
     */
    public static Result quantize(Graph snn, int timesteps, Preprocessing pre, TargetSpec target, ImageSet data,
                                  Options options, Map<String, String> provenance, IntConsumer progress) {
        requireStartingPotentialsFit(snn, target);
        long t0 = System.nanoTime();
        RealNetwork built = RealNetworkBuilder.build(snn, timesteps, pre, options.rateInput());
        ThresholdGroups.Split split = split(built, target, options);
        RealNetwork real = split.network();
        FixedPointMapper.Mapping m = new FixedPointMapper(target, null).map(real, timesteps, provenance);
        double mapSeconds = (System.nanoTime() - t0) / 1e9;
        if (options.iterations() == 0) {
            return new Result(m.network(), m.layers(), mapSeconds, 0, split.parts());
        }
        long t1 = System.nanoTime();
        ImageSet images = new ImageSubset(data, options.calibImages(), options.seed());
        // the reference is split the same way (per-channel thresholds: the same network), so rates match by index
        FxNetwork reference = ideal(snn, real, timesteps, IDEAL_SCALE_BITS, provenance);
        double[][] targets = new FxSimulator(reference).channelRates(images, reference.populations().size() - 1);
        List<LayerQuantization> reports = new ArrayList<>(m.layers());
        FxNetwork recalibrated = IntegerRecalibration.run(m.network(), targets, images, options.iterations(), reports,
                convertedPopulationsDone(m.network(), split.parts(), progress));
        return new Result(recalibrated, reports, mapSeconds, (System.nanoTime() - t1) / 1e9, split.parts());
    }

    /** The count {@link #quantize}'s progress consumer reaches when done: the SNN's own populations. */
    public static int progressTotal(Graph snn) {
        return (int) snn.nodes().stream().filter(n -> n.op() instanceof IfNeuron).count();
    }

    /**
     * Progress in the SNN's populations from progress in the mapped network's: the parts of a split
     * population are consecutive, and the population counts as done with its last part.
     */
    private static IntConsumer convertedPopulationsDone(FxNetwork mapped, Map<String, List<ThresholdGroup>> parts,
                                                        IntConsumer progress) {
        Map<String, String> convertedOf = new java.util.HashMap<>();
        parts.forEach((population, groups) -> groups.forEach(g -> convertedOf.put(g.name(), population)));
        int n = mapped.populations().size();
        int[] doneAfter = new int[n];
        int done = 0;
        for (int p = 0; p < n; p++) {
            String converted = convertedOf.getOrDefault(mapped.populations().get(p).name(), "");
            boolean lastPart = p + 1 == n || converted.isEmpty()
                    || !converted.equals(convertedOf.get(mapped.populations().get(p + 1).name()));
            doneAfter[p] = done += lastPart ? 1 : 0;
        }
        return recalibrated -> progress.accept(doneAfter[recalibrated - 1]);
    }

    /**
     * Whether {@link #quantize} may split populations into threshold groups for {@code target}: it
     * has one threshold per population and its files can hold more populations than the SNN has.
     */
    public static boolean splitsThresholdGroups(TargetSpec target) {
        return !target.arithmetic().channelThresholds() && target.choices().populationsMaySplit();
    }

    private static ThresholdGroups.Split split(RealNetwork built, TargetSpec target, Options options) {
        return splitsThresholdGroups(target)
                ? ThresholdGroups.split(built, options.thresholdGroups(), options.rateInput()) : ThresholdGroups.none(built);
    }

    /** Scale of the ideal reference: 2^24 keeps rounding (first-layer weights included) far below a spike's worth of charge. */
    public static final int IDEAL_SCALE_BITS = 24;

    /**
     * The wide-integer reference: every value times {@code 2^scaleBits}, rounded; no delay; the
     * float SNN's own reset rule and comparison ({@link #idealFor}), so that it, and the integer
     * recalibration that aims at its rates, follow the network that was calibrated.
     */
    public static FxNetwork ideal(Graph snn, int timesteps, Preprocessing pre, boolean rateInput, int scaleBits,
                                  Map<String, String> provenance) {
        return ideal(snn, RealNetworkBuilder.build(snn, timesteps, pre, rateInput), timesteps, scaleBits, provenance);
    }

    /** The wide-integer reference of {@code real}, read from {@code snn} (and split, if it was). */
    private static FxNetwork ideal(Graph snn, RealNetwork real, int timesteps, int scaleBits, Map<String, String> provenance) {
        return new FixedPointMapper(idealFor(snn), Math.scalb(1.0, scaleBits)).map(real, timesteps, provenance).network();
    }

    /**
     * {@link TargetProfiles#IDEAL} with the reset rule and comparison of the float SNN's populations
     * (subtract and {@code >=} for the reference neuron; a model calibrated with {@code --reset zero}
     * resets to zero here too). Populations with different neuron models are refused.
     */
    public static TargetSpec idealFor(Graph snn) {
        List<NeuronModel> models = snn.nodes().stream().filter(n -> n.op() instanceof IfNeuron)
                .map(n -> ((IfNeuron) n.op()).model()).distinct().toList();
        if (models.size() > 1) {
            throw new IllegalArgumentException("populations with different neuron models " + models);
        }
        NeuronModel m = models.isEmpty() ? NeuronModel.REFERENCE : models.get(0);
        TargetSpec.Arithmetic a = TargetProfiles.IDEAL.arithmetic();
        TargetSpec.Reset reset = m.reset() == NeuronModel.Reset.ZERO ? TargetSpec.Reset.ZERO : TargetSpec.Reset.SUBTRACT;
        boolean strict = m.comparison() == NeuronModel.Comparison.GREATER;
        if (reset == a.reset() && strict == a.strictGreater()) {
            return TargetProfiles.IDEAL;
        }
        return new TargetSpec(TargetProfiles.IDEAL.id(), a.withNeuron(reset, strict, a.channelThresholds()),
                TargetProfiles.IDEAL.limits(),
                TargetProfiles.IDEAL.energy(), TargetProfiles.IDEAL.reference() + ", with the float SNN's neuron " + m.describe());
    }
}
