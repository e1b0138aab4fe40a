package dev.snnc.backend.loihi;

import dev.snnc.backend.loihi.mapping.CoreMap;
import dev.snnc.backend.loihi.mapping.CoreMapper;
import dev.snnc.ir.backend.BackendDriver;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.target.TargetSpec;
import java.util.Map;

/** The Loihi backend in one call, for code and tests that hold limits rather than command-line options. */
public final class LoihiCompiler {
    /** What compilation produced. */
    public record Result(FxNetwork legalized, CoreMap cores, int pipelineLatency, byte[] netlist) {
    }

    private LoihiCompiler() {
    }

    public static Result compile(FxNetwork fx, TargetSpec.Limits limits) {
        BackendOptions o = new BackendOptions(new java.util.TreeMap<>(Map.of(LoihiBackend.NEURONS, String.valueOf(limits.neuronsPerCore()),
                LoihiBackend.CORES, String.valueOf(limits.coresPerChip()), LoihiBackend.SYNAPSE_BITS,
                String.valueOf(limits.synapseMemoryBitsPerCore()), LoihiBackend.CHIPS, String.valueOf(limits.maxChips()))));
        LoihiBackend backend = new LoihiBackend();
        if (!backend.compiles(fx.target())) {
            throw BackendOptions.bad("the model was quantized for '" + fx.target().id() + "'; quantize it for loihi2 or "
                    + "loihi1 first");
        }
        BackendDriver.Result r = BackendDriver.compile(backend, fx, o);
        FxNetwork legal = r.legal();
        CoreMap cores = new CoreMapper(LoihiBackend.limits(legal.target(), o), legal.target().arithmetic().weightBits())
                .map(legal);
        return new Result(legal, cores, legal.pipelineLatency(), r.emission().files().get("netlist.json"));
    }
}
