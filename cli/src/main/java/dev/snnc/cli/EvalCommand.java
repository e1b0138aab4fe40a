package dev.snnc.cli;

import dev.snnc.calibration.djl.AnnEvaluator;
import dev.snnc.calibration.djl.FloatGraphExecutor;
import dev.snnc.frontend.data.LabeledImages;
import dev.snnc.ir.Graph;
import dev.snnc.ir.Preprocessing;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code snnc eval MODEL}: top-1 accuracy of the float ANN on DJL. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model's top-1 accuracy on a labeled image set (float ANN on DJL/libtorch).",
        footer = {"", "Examples:", "  ./snnc eval models/mobilenet-fashion.onnx",
            "  ./snnc eval models/mobilenet-fashion.onnx --data data/fashion-mnist-subset --limit 500 --json"})
final class EvalCommand implements Callable<Integer> {
    @Mixin
    ModelArgument model;

    @Mixin
    DataOptions data;

    @Mixin
    OutputOptions output;

    @Option(names = "--batch-size", paramLabel = "N", description = "Images per batch (default: ${DEFAULT-VALUE}).")
    int batchSize = 256;

    @Option(names = "--threads", paramLabel = "N", description = "libtorch threads (default: all cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--min-accuracy", paramLabel = "PERCENT",
            description = "Exit with code 1 if top-1 accuracy is below this percentage.")
    Double minAccuracy;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Graph g = model.load();
        LabeledImages images = data.load();
        Preprocessing pre = data.preprocessing(g);
        AnnEvaluator.Result r;
        try (FloatGraphExecutor exec = new FloatGraphExecutor(g, threads);
             Progress progress = Progress.start("eval", images.size(), "img", output.showProgress())) {
            r = AnnEvaluator.evaluate(exec, images, pre, batchSize, progress.reporter());
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", g.name());
            m.put("data", images.source());
            m.put("preprocessing", pre.format());
            m.put("images", r.images());
            m.put("correct", r.correct());
            m.put("accuracy", r.accuracy());
            m.put("seconds", r.seconds());
            m.put("images_per_second", r.imagesPerSecond());
            OutputOptions.printJson(out, m);
        } else {
            out.printf(Locale.ROOT, "%s on %s: top-1 %.2f%% (%d/%d) in %.2f s, %.0f images/s%n", g.name(),
                    images.source(), 100 * r.accuracy(), r.correct(), r.images(), r.seconds(), r.imagesPerSecond());
        }
        if (minAccuracy != null && 100 * r.accuracy() < minAccuracy) {
            spec.commandLine().getErr().printf(Locale.ROOT, "accuracy check failed: %.2f%% < --min-accuracy %.2f%%%n",
                    100 * r.accuracy(), minAccuracy);
            return Main.EXIT_CHECK_FAILED;
        }
        return Main.EXIT_OK;
    }
}
