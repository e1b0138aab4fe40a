package dev.snnc.distributed;

import dev.snnc.calibration.djl.AnnEvaluator;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.calibration.calib.LayerPartials;
import dev.snnc.calibration.calib.LayerStatistics;
import dev.snnc.calibration.calib.RateMeasurement;
import dev.snnc.calibration.calib.ProgressSink;
import dev.snnc.calibration.calib.ThresholdBatches;
import dev.snnc.calibration.calib.ThresholdStatistics;
import dev.snnc.calibration.threshold.ThresholdSpec;
import dev.snnc.cli.DataSource;
import dev.snnc.cli.ScaleOut;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;
import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SimulationResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * {@link ScaleOut} on Apache Spark. The driver splits the image set into contiguous ranges (one per
 * Spark partition), broadcasts the model's bytes, and each task rebuilds the model, opens the data
 * source, takes its range, runs one executor over it and returns plain counts; the driver merges
 * them in partition order ({@link PartialResults}). A failed task is retried by Spark and, being a
 * pure function of its range, gives the same result.
 */
public final class SparkScaleOut implements ScaleOut {
    @Override
    public SimulationResult simulate(String master, byte[] fxBytes, DataSource data, int partitions) {
        FxNetwork fx = Models.fx(fxBytes);
        long t0 = System.nanoTime();
        List<PartialResults.Simulation> parts = run(master, fxBytes, data, partitions,
                (model, images) -> PartialResults.Simulation.of(new FxSimulator(Models.fx(model)).run(images, i -> { })));
        return PartialResults.simulation(parts, fx, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public AnnEvaluator.Result evalAnn(String master, byte[] onnxBytes, Preprocessing pre, DataSource data, int batchSize,
                                       int partitions) {
        String preText = pre.format() + pre.formatGeometry();
        int threads = threadsPerTask(master, partitions);
        long t0 = System.nanoTime();
        List<PartialResults.Evaluation> parts = run(master, onnxBytes, data, partitions, (model, images) -> {
            try (FloatGraphExecutor exec = new FloatGraphExecutor(Models.onnx(model), threads)) {
                return PartialResults.Evaluation.of(AnnEvaluator.evaluate(exec, images, Preprocessing.parse(preText),
                        batchSize, i -> { }));
            }
        });
        return PartialResults.ann(parts, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public SnnEvaluator.Result evalSnn(String master, byte[] snnBytes, Preprocessing pre, int timesteps, DataSource data,
                                       int batchSize, int partitions) {
        String preText = pre.format() + pre.formatGeometry();
        int threads = threadsPerTask(master, partitions);
        long t0 = System.nanoTime();
        List<PartialResults.Evaluation> parts = run(master, snnBytes, data, partitions, (model, images) -> {
            CalibratedSnn snn = Models.snn(model);
            try (FloatSnnExecutor exec = new FloatSnnExecutor(snn.graph(), threads)) {
                return PartialResults.Evaluation.of(SnnEvaluator.evaluate(exec, images, Preprocessing.parse(preText),
                        timesteps, snn.encoding(), batchSize, i -> { }));
            }
        });
        return PartialResults.snn(parts, timesteps, (System.nanoTime() - t0) / 1e9);
    }

    @Override
    public ThresholdStatistics thresholdStatistics(String master, byte[] onnxBytes, Preprocessing pre, DataSource train,
                                                   int partitions) {
        return (ann, populations, images, opt, batches, progress) -> {
            ThresholdSpec t = opt.threshold();
            String kind = t.kind().name();
            double percentile = t.percentile();
            boolean channelWise = t.channelWise();
            double scale = t.scale();
            int batchSize = opt.batchSize();
            int timesteps = opt.timesteps();
            CalibrationTaskInputs inputs = CalibrationTaskInputs.of(pre, train, opt.calibImages(), opt.seed());
            List<String> pops = new ArrayList<>(populations);
            int threads = threadsPerTask(master, partitions);
            JavaSparkContext jsc = SparkContexts.get(master);
            List<int[]> ranges = Partitions.ranges(batches, partitions > 0 ? partitions : jsc.defaultParallelism());
            List<ArrayList<Map<String, double[]>>> parts = runRanges(jsc, onnxBytes, ranges, (model, r) ->
                    new ArrayList<>(ThresholdBatches.compute(inputs.ann(model), pops, inputs.images(), batchSize,
                            new ThresholdSpec(ThresholdSpec.Kind.valueOf(kind), percentile, channelWise, scale), timesteps,
                            threads, r[0], r[1], ProgressSink.NONE)));
            List<Map<String, double[]>> out = new ArrayList<>();
            parts.forEach(out::addAll);
            progress.advance(batches);
            return out;
        };
    }

    @Override
    public LayerStatistics layerStatistics(String master, byte[] onnxBytes, Preprocessing pre, DataSource train,
                                           int partitions) {
        return (snn, population, images, opt) -> {
            int timesteps = opt.timesteps();
            InputEncoding encoding = opt.encoding();
            int passBatchSize = opt.passBatchSize();
            CalibrationTaskInputs inputs = CalibrationTaskInputs.of(pre, train, opt.calibImages(), opt.seed());
            int threads = threadsPerTask(master, partitions);
            byte[] snnBytes = SnnFile.toBytes(new CalibratedSnn(snn, timesteps, encoding, Map.of()));
            JavaSparkContext jsc = SparkContexts.get(master);
            List<int[]> ranges = Partitions.ranges(LayerPartials.passBatches(images.size(), passBatchSize),
                    partitions > 0 ? partitions : jsc.defaultParallelism());
            List<RateMeasurement.Partial> parts = runRanges(jsc, snnBytes, ranges, (model, r) ->
                    LayerPartials.compute(inputs.ann(onnxBytes), Models.snn(model).graph(), population, inputs.images(),
                            timesteps, encoding, inputs.preprocessing(), passBatchSize, threads, r[0], r[1]));
            return RateMeasurement.finish(parts);
        };
    }

    @Override
    public java.nio.file.Path localCopy(String uri) {
        return HadoopData.localCopy(uri);
    }

    @Override
    public boolean isImageFolder(String uri) {
        return HadoopImageFolder.isImageFolder(uri);
    }

    @Override
    public dev.snnc.calibration.images.ImageFiles imageFolder(String uri, String split) {
        return HadoopImageFolder.open(uri, split);
    }

    /** What one task does with the model's bytes and its images. */
    interface PartitionWork<R> extends Serializable {
        R apply(byte[] model, ImageSet images);
    }

    /** Runs {@code work} on every partition of {@code data} and returns the results in partition order. */
    static <R extends Serializable> List<R> run(String master, byte[] model, DataSource data, int partitions,
                                                PartitionWork<R> work) {
        JavaSparkContext jsc = SparkContexts.get(master);
        int size = data.labels().size(); // counted without the pixels where the format allows
        List<int[]> ranges = Partitions.ranges(size, partitions > 0 ? partitions : jsc.defaultParallelism());
        return runRanges(jsc, model, ranges, (m, r) -> work.apply(m, data.open().range(r[0], r[1])));
    }

    /** What one task does with the model's bytes and its range {@code [from, to)}. */
    interface RangeWork<R> extends Serializable {
        R apply(byte[] model, int[] range);
    }

    /** Runs {@code work} on each range as its own Spark partition; results in range order. */
    static <R extends Serializable> List<R> runRanges(JavaSparkContext jsc, byte[] model, List<int[]> ranges,
                                                      RangeWork<R> work) {
        Broadcast<byte[]> shared = jsc.broadcast(model);
        boolean failOnce = Boolean.getBoolean(TaskFailures.FAIL_FIRST_ATTEMPT);
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            indices.add(i);
        }
        Function<Integer, R> task = i -> {
            TaskFailures.injectOnce(failOnce, i);
            return work.apply(shared.value(), ranges.get(i));
        };
        try {
            return jsc.parallelize(indices, indices.size()).map(task).collect();
        } catch (RuntimeException e) {
            throw TaskFailures.unwrap(e);
        } finally {
            shared.destroy();
        }
    }

    /** libtorch threads per task: the cores of one machine shared by the tasks that run on it at once. */
    private static int threadsPerTask(String master, int partitions) {
        int cores = Runtime.getRuntime().availableProcessors();
        int concurrent = master.startsWith("local") ? Math.max(1, Math.min(cores, partitions > 0 ? partitions : cores)) : 1;
        return Math.max(1, cores / concurrent);
    }
}
