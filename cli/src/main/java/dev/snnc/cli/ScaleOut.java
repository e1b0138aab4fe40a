package dev.snnc.cli;

import dev.snnc.calibration.djl.AnnEvaluator;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.simulator.SimulationResult;
import java.util.ServiceLoader;

/**
 * Spreads per-image work over a cluster ({@code --spark MASTER}). The implementation lives in the
 * distributed module, the only one that depends on Apache Spark; the CLI finds it with
 * {@link ServiceLoader} when that module is on the class path (the launcher puts it there when
 * {@code --spark} is given; {@code spark-submit} runs its jar). Each method returns what the
 * single-JVM path returns for the same inputs: predictions and counts identical, float rates equal
 * within float tolerance.
 */
public interface ScaleOut {
    /**
     * Bit-exact simulation of the fixed-point network in {@code fxBytes} (a {@code .fx} file's bytes)
     * on {@code data}, in {@code partitions} partitions (0: the cluster's default parallelism).
     */
    SimulationResult simulate(String master, byte[] fxBytes, DataSource data, int partitions);

    /** Float ANN top-1 of the ONNX model in {@code onnxBytes}. */
    AnnEvaluator.Result evalAnn(String master, byte[] onnxBytes, Preprocessing pre, DataSource data, int batchSize,
                                int partitions);

    /** Float SNN top-1 and firing rates of the calibrated model in {@code snnBytes} (a {@code .snn} file's bytes). */
    SnnEvaluator.Result evalSnn(String master, byte[] snnBytes, Preprocessing pre, int timesteps, DataSource data,
                                int batchSize, int partitions);

    /**
     * Threshold calibration's per-batch statistics spread over the cluster: each task rebuilds the ANN
     * from {@code onnxBytes} and the calibration images from {@code train} (the same draw as the
     * driver's), and computes its range of batches; the driver smooths them in batch order.
     */
    dev.snnc.calibration.calib.ThresholdStatistics thresholdStatistics(String master, byte[] onnxBytes, Preprocessing pre,
                                                                       DataSource train, int partitions);

    /**
     * Bias and potential calibration's measurements spread over the cluster: for each population, the
     * pass batches of the calibration images are split into ranges; each task runs the current SNN
     * (sent as bytes) through that population on its batches and returns sums, which the driver adds
     * in batch order.
     */
    dev.snnc.calibration.calib.LayerStatistics layerStatistics(String master, byte[] onnxBytes, Preprocessing pre,
                                                                DataSource train, int partitions);

    /**
     * A local copy of the data directory at {@code uri} (any file system Hadoop reads), cached for
     * this process: IDX or CIFAR files only (image folders are read file by file: {@link #imageFolder}).
     */
    java.nio.file.Path localCopy(String uri);

    /** True when the directory at {@code uri} holds subdirectories (an image folder). */
    boolean isImageFolder(String uri);

    /** The image folder at {@code uri} (split {@code TRAIN} or {@code TEST} where it has train/test subfolders). */
    dev.snnc.calibration.images.ImageFiles imageFolder(String uri, String split);

    /** The installed implementation, or SNNC-E naming how to get it. */
    static ScaleOut find() {
        return ServiceLoader.load(ScaleOut.class).findFirst().orElseThrow(() -> new SnncException(Diagnostic.of(
                DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, "--spark needs snnc's distributed module (Apache Spark), "
                        + "which is not on the class path")
                .withHint("run through ./snnc (it adds the module when --spark is given), or spark-submit "
                        + "distributed/target/snnc-spark.jar (README, 'Scale-out on Spark')")));
    }
}
