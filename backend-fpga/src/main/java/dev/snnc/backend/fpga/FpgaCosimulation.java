package dev.snnc.backend.fpga;

import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.backend.Cosimulation;
import dev.snnc.ir.fx.FxNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The reference RTL of a parameter directory under Icarus Verilog or Verilator. */
final class FpgaCosimulation implements Cosimulation {
    @Override
    public List<String> tools() {
        return List.of("icarus", "verilator");
    }

    private static Cosim.Simulator simulator(String tool) {
        return switch (tool) {
            case "icarus" -> Cosim.Simulator.ICARUS;
            case "verilator" -> Cosim.Simulator.VERILATOR;
            default -> throw BackendOptions.bad("--simulator must be icarus or verilator, got '" + tool + "'");
        };
    }

    @Override
    public Optional<String> unavailable(String tool) {
        return Cosim.unavailable(simulator(tool));
    }

    @Override
    public Run run(String tool, Path dir, FxNetwork net, List<float[]> images, Integer parallelism) {
        int lanes = parallelism != null ? parallelism : ParameterReader.manifestPe(dir);
        if (lanes < 1 || lanes > FpgaBackend.MAX_PE) {
            throw BackendOptions.bad(String.format(Locale.ROOT, "--pe must be in 1..%d, got %d", FpgaBackend.MAX_PE, lanes));
        }
        List<Cosim.ImageResult> rtl = Cosim.run(simulator(tool), dir, images, lanes, (int) net.readout().shape().size(),
                net.populations().size());
        long expected = CycleModel.image(EngineProgramBuilder.build(net), lanes);
        return new Run(rtl.stream().map(r -> new ImageResult(r.cycles(), r.logits(), r.spikes())).toList(), expected, lanes);
    }
}
