package dev.snnc.cli;

import dev.snnc.formats.CalibratedSnn;
import dev.snnc.formats.SnnFile;
import dev.snnc.nir.NirWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code snnc export MODEL.snn --format nir -o MODEL.nir}: the calibrated float SNN in an exchange format. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a calibrated SNN (.snn) in an exchange format other tools read: nir (the Neuromorphic "
                + "Intermediate Representation, HDF5; NIR's reference reader loads it). What NIR cannot say (reset by "
                + "subtraction, '>=', initial potentials) is in each node's metadata; snnc reads the file back exactly "
                + "(snnc eval/simulate MODEL.nir).",
        footer = {"", "Examples (mobilenet.snn from the snnc calibrate examples):",
            "  ./snnc export mobilenet.snn --format nir -o mobilenet.nir",
            "  ./snnc eval mobilenet.nir --data data/fashion-mnist-subset"})
final class ExportCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL.snn", description = "A calibrated SNN (from snnc calibrate).")
    Path model;

    @Option(names = "--format", paramLabel = "nir", description = "Exchange format (default: ${DEFAULT-VALUE}).")
    String format = "nir";

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The file to write.")
    Path out;

    @Mixin
    OutputOptions output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!format.equals("nir")) {
            throw DataOptions.badOption("--format must be nir, got '" + format + "'");
        }
        CalibratedSnn snn = SnnFile.read(model);
        NirWriter.write(snn, out);
        PrintWriter o = spec.commandLine().getOut();
        if (output.json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model.toString());
            m.put("format", format);
            m.put("output", out.toString());
            m.put("timesteps", snn.timesteps());
            OutputOptions.printJson(o, m);
        } else {
            o.println("wrote " + out + " (NIR " + NirWriter.NIR_VERSION + ", T=" + snn.timesteps() + "; reset rule and "
                    + "initial potentials in the node metadata)");
        }
        return Main.EXIT_OK;
    }
}
