package dev.snnc.backend.fpga;

import dev.snnc.ir.backend.BackendDriver;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.fx.FxNetwork;
import java.util.Map;

/** The FPGA backend in one call, for code and tests that hold a PE count rather than command-line options. */
public final class FpgaCompiler {
    /** The legalized network, the engine program, and the files of the parameter directory. */
    public record Result(FxNetwork legalized, EngineProgram program, Map<String, byte[]> files, long cyclesPerImage) {
    }

    private FpgaCompiler() {
    }

    public static Result compile(FxNetwork fx, int pe) {
        FpgaBackend backend = new FpgaBackend();
        if (!backend.compiles(fx.target())) {
            throw BackendOptions.bad("the model was quantized for '" + fx.target().id() + "'; the FPGA engine needs a "
                    + "model quantized with --target fpga");
        }
        BackendDriver.Result r = BackendDriver.compile(backend, fx, new BackendOptions(Map.of(FpgaBackend.PE,
                String.valueOf(pe))));
        EngineProgram program = EngineProgramBuilder.build(r.legal());
        return new Result(r.legal(), program, r.emission().files(), CycleModel.image(program, pe));
    }
}
