package dev.snnc.backend.loihi;

import dev.snnc.ir.fx.legalize.LegalizationPass;
import dev.snnc.backend.loihi.mapping.CoreMap;
import dev.snnc.backend.loihi.mapping.CoreMapper;
import dev.snnc.backend.loihi.netlist.NetlistWriter;
import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.target.TargetSpec;
import dev.snnc.simulator.FxSimulator;

/** Legalize, map onto cores and chips, and write the netlist of a fixed-point network for a Loihi target. */
public final class LoihiCompiler {
    /** What compilation produced. */
    public record Result(FxNetwork legalized, CoreMap cores, int pipelineLatency, byte[] netlist) {
    }

    private LoihiCompiler() {
    }

    public static Result compile(FxNetwork fx, TargetSpec.Limits limits) {
        if (!fx.target().id().startsWith("loihi")) {
            throw new SnncException(Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, "the model was quantized for '"
                    + fx.target().id() + "'; quantize it for loihi2 or loihi1 first"));
        }
        fx.requireAnalogInput("the Loihi backend");
        FxNetwork legal = LegalizationPass.convAndDenseOnly(fx);
        CoreMap cores = new CoreMapper(limits, fx.target().arithmetic().weightBits()).map(legal);
        int latency = new FxSimulator(legal).steps() - legal.timesteps();
        return new Result(legal, cores, latency, NetlistWriter.toBytes(legal, cores, latency));
    }
}
