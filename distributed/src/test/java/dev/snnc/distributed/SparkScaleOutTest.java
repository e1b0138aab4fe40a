package dev.snnc.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.calibration.djl.AnnEvaluator;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.calibration.djl.FloatSnnExecutor;
import dev.snnc.calibration.djl.SnnEvaluator;
import dev.snnc.cli.DataSource;
import dev.snnc.cli.Main;
import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.FxFile;
import dev.snnc.formats.SnnFile;
import dev.snnc.frontend.ModelLoader;
import dev.snnc.ir.Graph;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.simulator.FxSimulator;
import dev.snnc.simulator.SimulationResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark in this JVM ({@code local[2]}, and {@code local[2,2]} where a task may fail once) against
 * the single-JVM path on the bundled MobileNet, calibrated (T=4) and quantized for loihi2 here:
 * bit-exact simulation gives identical predictions, spike totals and operation counts; the float
 * ANN identical predictions; the float SNN identical predictions and firing rates within 1e-12. A
 * task whose first attempt fails is retried with the same result; a task that meets a corrupt
 * image fails the job with the SNNC-E diagnostic naming the file.
 */
class SparkScaleOutTest {
    static final Path MODEL = Path.of("..", "models", "mobilenet-fashion.onnx");
    static final Path SUBSET = Path.of("..", "data", "fashion-mnist-subset");
    static final String MASTER = "local[2,2]";
    @TempDir
    static Path shared;
    static Path snnFile;
    static Path fxFile;
    static DataSource data;

    @BeforeAll
    static void calibrateAndQuantize() {
        snnFile = shared.resolve("m.snn");
        fxFile = shared.resolve("m.fx");
        cli("calibrate", MODEL.toString(), "--T", "4", "--calib-images", "64", "--data", SUBSET.toString(), "-o",
                snnFile.toString(), "-q");
        cli("quantize", snnFile.toString(), "--target", "loihi2", "--calib-images", "8", "--iterations", "1", "--data",
                SUBSET.toString(), "-o", fxFile.toString(), "-q");
        data = new DataSource(SUBSET.toAbsolutePath().toString(), null, DataSource.Format.IDX, "TEST", 1, 0, 0, 150);
    }

    static void cli(String... args) {
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, String.join(" ", args) + ": " + err);
    }

    @AfterEach
    void noHook() {
        System.clearProperty(TaskFailures.FAIL_FIRST_ATTEMPT);
    }

    @Test
    void simulationIsIdenticalToOneJvm() throws Exception {
        FxNetwork fx = FxFile.read(fxFile);
        SimulationResult one = new FxSimulator(fx).run(data.open(), i -> { });
        SimulationResult spark = new SparkScaleOut().simulate(MASTER, Files.readAllBytes(fxFile), data, 4);
        assertArrayEquals(one.predictions(), spark.predictions());
        assertEquals(one.correct(), spark.correct());
        assertEquals(one.spikes(), spark.spikes());
        assertEquals(one.firingRates(), spark.firingRates());
        assertEquals(one.synapticOps(), spark.synapticOps());
        assertEquals(one.neuronUpdates(), spark.neuronUpdates());
        assertEquals(one.stepsRun(), spark.stepsRun());
        assertTrue(spark.synapticOps() > 0);
    }

    @Test
    void dataAtAHadoopUriIsCopiedToEachProcessAndGivesTheSameResult() throws Exception {
        String uri = SUBSET.toAbsolutePath().normalize().toUri().toString(); // file:///..., read through Hadoop's FileSystem
        assertTrue(uri.startsWith("file:///"), uri);
        DataSource remote = new DataSource("unused", uri, DataSource.Format.IDX, "TEST", 1, 0, 0, 150);
        byte[] fx = Files.readAllBytes(fxFile);
        SimulationResult local = new SparkScaleOut().simulate(MASTER, fx, data, 2);
        SimulationResult viaHadoop = new SparkScaleOut().simulate(MASTER, fx, remote, 2);
        assertArrayEquals(local.predictions(), viaHadoop.predictions());
        assertEquals(local.spikes(), viaHadoop.spikes());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"simulate", fxFile.toString(), "--data", uri, "--limit", "150", "--spark", MASTER,
            "--json", "-q"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("\"correct\" : " + local.correct()), out.toString());
        err = new StringWriter();
        code = Main.run(new String[] {"simulate", fxFile.toString(), "--data", uri, "-q"}, new PrintWriter(new StringWriter()),
                new PrintWriter(err));
        assertEquals(2, code);
        assertTrue(err.toString().contains("is a URI") && err.toString().contains("--spark"), err.toString());
    }

    @Test
    void calibrationStatisticsOnSparkGiveTheSameThresholdsAndBiases(@TempDir Path tmp) throws Exception {
        // light: thresholds from 5 batches of 40 images over 3 partitions, then bias calibration whose
        // measurement passes (4 batches of 50) are spread over 3 partitions and added in batch order
        String[] args = {"calibrate", MODEL.toString(), "--T", "4", "--method", "light", "--calib-images", "200",
            "--batch-size", "40", "--threshold-batches", "5", "--snn-batch-size", "50", "--data", SUBSET.toString(), "-q",
            "-o"};
        cli(concat(args, tmp.resolve("one.snn").toString()));
        cli(concat(args, tmp.resolve("spark.snn").toString(), "--spark", MASTER, "--partitions", "3"));
        var one = SnnFile.read(tmp.resolve("one.snn")).graph();
        var spark = SnnFile.read(tmp.resolve("spark.snn")).graph();
        int populations = 0;
        for (var node : one.nodes()) {
            if (node.op() instanceof dev.snnc.ir.op.IfNeuron f) {
                var g = (dev.snnc.ir.op.IfNeuron) spark.node(node.name()).orElseThrow().op();
                float[] a = f.threshold().toArray();
                float[] b = g.threshold().toArray();
                for (int i = 0; i < a.length; i++) {
                    // the same per-batch estimates smoothed in the same order; libtorch may sum a convolution in
                    // another order under another thread count
                    assertEquals(a[i], b[i], 1e-5 * Math.abs(a[i]), node.name() + " threshold " + i);
                }
                float[] ba = f.bias().toArray();
                float[] bb = g.bias().toArray();
                for (int i = 0; i < ba.length; i++) {
                    // mean errors from sums added in double in batch order vs one float accumulation: rounding only
                    assertEquals(ba[i], bb[i], 1e-6, node.name() + " bias " + i);
                }
                populations++;
            }
        }
        assertTrue(populations > 5, "populations compared: " + populations);
        StringWriter err = new StringWriter();
        int code = Main.run(concat(new String[] {"calibrate", MODEL.toString(), "--T", "4", "--method", "advanced+weights",
            "--calib-images", "64", "--data", SUBSET.toString(), "--spark", MASTER, "-q", "-o"},
                tmp.resolve("w.snn").toString()), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("weight calibration") && err.toString().contains("one JVM"), err.toString());
    }

    @Test
    void anImageFolderAtAHadoopUriIsReadImageByImageInTheLocalOrder() throws Exception {
        Path folder = Path.of("..", "data", "fashion-rgb-subset", "folder").toAbsolutePath().normalize();
        String model = Path.of("..", "testdata", "models", "tiny_rgb.onnx").toString();
        String[] local = {"eval", model, "--data", folder.toString(), "--json", "-q"};
        String[] viaHadoop = {"eval", model, "--data", folder.toUri().toString(), "--spark", MASTER, "--partitions", "3",
            "--json", "-q"};
        StringWriter a = new StringWriter();
        StringWriter b = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(local, new PrintWriter(a), new PrintWriter(err)), err.toString());
        assertEquals(0, Main.run(viaHadoop, new PrintWriter(b), new PrintWriter(err)), err.toString());
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var one = json.readTree(a.toString());
        var spark = json.readTree(b.toString());
        assertEquals(512, one.get("images").asInt()); // the test/ split of the bundled colour subset
        assertEquals(one.get("images"), spark.get("images"));
        assertEquals(one.get("correct"), spark.get("correct"));
        // the same files in the same order, labels included
        var files = new HadoopImageFolder[] {HadoopImageFolder.open(folder.toUri().toString(), "TEST")};
        var locally = dev.snnc.calibration.images.ImageFolderImages.open(folder.resolve("test"), 3,
                Preprocessing.UNIT_SCALE, n -> { });
        assertEquals(locally.size(), files[0].count());
        for (int i = 0; i < files[0].count(); i++) {
            assertEquals(locally.label(i), files[0].classOf(i));
            assertTrue(files[0].name(i).endsWith(Path.of(locally.file(i)).getFileName().toString()), files[0].name(i));
        }
    }

    @Test
    void aTaskThatFailsOnceIsRetriedWithTheSameResult() throws Exception {
        byte[] fx = Files.readAllBytes(fxFile);
        SimulationResult clean = new SparkScaleOut().simulate(MASTER, fx, data, 3);
        System.setProperty(TaskFailures.FAIL_FIRST_ATTEMPT, "true");
        SimulationResult retried = new SparkScaleOut().simulate(MASTER, fx, data, 3);
        assertArrayEquals(clean.predictions(), retried.predictions());
        assertEquals(clean.spikes(), retried.spikes());
        assertEquals(clean.synapticOps(), retried.synapticOps());
    }

    @Test
    void annAndFloatSnnMatchOneJvm() throws Exception {
        Graph g = ModelLoader.load(MODEL);
        Preprocessing pre = g.preprocessing().orElseThrow();
        ImageSet images = data.open();
        AnnEvaluator.Result one;
        try (FloatGraphExecutor exec = new FloatGraphExecutor(g, 2)) {
            one = AnnEvaluator.evaluate(exec, images, pre, 64, i -> { });
        }
        AnnEvaluator.Result spark = new SparkScaleOut().evalAnn(MASTER, Files.readAllBytes(MODEL), pre, data, 64, 2);
        assertArrayEquals(one.predictions(), spark.predictions());
        assertEquals(one.correct(), spark.correct());

        CalibratedSnn snn = SnnFile.read(snnFile);
        Preprocessing snnPre = snn.graph().preprocessing().orElseThrow();
        SnnEvaluator.Result floatOne;
        try (FloatSnnExecutor exec = new FloatSnnExecutor(snn.graph(), 2)) {
            floatOne = SnnEvaluator.evaluate(exec, images, snnPre, 4, snn.encoding(), 64, i -> { });
        }
        SnnEvaluator.Result floatSpark = new SparkScaleOut().evalSnn(MASTER, Files.readAllBytes(snnFile), snnPre, 4, data,
                64, 3);
        assertArrayEquals(floatOne.predictions(), floatSpark.predictions());
        floatOne.firingRates().forEach((name, rate) -> assertEquals(rate, floatSpark.firingRates().get(name), 1e-12, name));
    }

    @Test
    void compileEvaluatesOnSparkWithTheSameSummary(@TempDir Path tmp) throws Exception {
        String[] tiny = {"compile", MODEL.toString(), "--target", "fpga", "--T", "4", "--calib-images", "64", "--recal-images",
            "8", "--iterations", "1", "--eval-images", "60", "--data", SUBSET.toString(), "-q", "-o"};
        cli(concat(tiny, tmp.resolve("one").toString()));
        cli(concat(tiny, tmp.resolve("spark").toString(), "--spark", MASTER, "--partitions", "3"));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var one = json.readTree(tmp.resolve("one").resolve("report.json").toFile()).path("summary");
        var spark = json.readTree(tmp.resolve("spark").resolve("report.json").toFile()).path("summary");
        for (String k : new String[] {"ann_accuracy", "float_snn_accuracy", "fixed_point_accuracy", "agreement_with_ann",
            "agreement_with_float_snn", "eval_images", "steps_per_inference"}) {
            assertTrue(one.has(k), k + " in " + one);
            assertEquals(one.get(k), spark.get(k), k);
        }
        assertArrayEquals(Files.readAllBytes(tmp.resolve("one").resolve("model.fx")),
                Files.readAllBytes(tmp.resolve("spark").resolve("model.fx")));
    }

    static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aTaskMeetingBadInputFailsTheJobWithTheDiagnostic(@TempDir Path tmp) throws Exception {
        Path folder = tmp.resolve("images");
        for (String cls : new String[] {"0-a", "1-b"}) {
            Files.createDirectories(folder.resolve(cls));
            Files.write(folder.resolve(cls).resolve("broken-" + cls + ".png"), new byte[] {1, 2, 3, 4});
        }
        DataSource bad = new DataSource(folder.toString(), null, DataSource.Format.FOLDER, "TEST", 1, 0, 0, 0);
        SnncException e = assertThrows(SnncException.class,
                () -> new SparkScaleOut().simulate(MASTER, Files.readAllBytes(fxFile), bad, 2));
        assertTrue(e.getMessage().contains("SNNC-E") && e.getMessage().contains("broken-"), e.getMessage());
    }
}
