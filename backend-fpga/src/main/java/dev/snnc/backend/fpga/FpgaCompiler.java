package dev.snnc.backend.fpga;

import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.legalize.LegalizationPass;
import java.util.Map;

/** Legalize a network quantized for {@code fpga}, lay out the engine program, and write the parameter files. */
public final class FpgaCompiler {
    /** The legalized network, the engine program, and the files of the parameter directory. */
    public record Result(FxNetwork legalized, EngineProgram program, Map<String, byte[]> files, long cyclesPerImage) {
    }

    private FpgaCompiler() {
    }

    public static Result compile(FxNetwork fx, int pe) {
        if (pe < 1) {
            throw new IllegalArgumentException("--pe must be at least 1, got " + pe);
        }
        fx.requireAnalogInput("the FPGA backend");
        FxNetwork legal = LegalizationPass.convAndDenseOnly(fx);
        EngineProgram program = EngineProgramBuilder.build(legal);
        return new Result(legal, program, ParameterFiles.write(legal, program, pe), CycleModel.image(program, pe));
    }
}
