package dev.snnc.cli;

import dev.snnc.ir.Graph;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The positional MODEL argument: an ONNX file, imported with the standard passes. */
final class ModelArgument {
    @Parameters(index = "0", paramLabel = "MODEL", description = "An ONNX model file (.onnx); eval and inspect also take a calibrated .snn file, inspect also a "
            + "fixed-point model (.fx, netlist.json or FPGA parameter directory).")
    Path model;

    Graph load() {
        return OnnxModels.load(model);
    }
}
