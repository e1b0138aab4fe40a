package dev.snnc.ir.fx.legalize;

import dev.snnc.ir.backend.NetworkPass;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.Diagnostics;
import dev.snnc.ir.fx.FxNetwork;

/**
 * Reports rate-coded input for a backend that emits only the analog first layer (on chip,
 * rate-coded pixels need a spike source and first-layer synapses it does not write; ADR 0015).
 */
public final class AnalogInputOnly implements NetworkPass {
    private final String backend;

    public AnalogInputOnly(String backend) {
        this.backend = backend;
    }

    @Override
    public String name() {
        return "analog-input-only";
    }

    @Override
    public FxNetwork run(FxNetwork net, Diagnostics diagnostics) {
        if (net.inputEncoding().isRate()) {
            String first = net.inputs().isEmpty() ? "the first layer" : "population " + net.inputs().get(0).population();
            diagnostics.report(Diagnostic.of(DiagnosticCode.NOT_CONVERTIBLE, net.inputs().isEmpty()
                    ? dev.snnc.ir.Origin.SYNTHETIC : net.population(net.inputs().get(0).population()).origin(),
                    net.name() + ": " + first + " is driven by rate-coded pixel spikes (full scale "
                            + net.inputEncoding().fullScale() + "); the " + backend + " backend emits analog input only: "
                            + "calibrate with --encoding analog"));
        }
        return net;
    }
}
