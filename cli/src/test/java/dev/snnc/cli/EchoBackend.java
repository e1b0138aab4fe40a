package dev.snnc.cli;

import dev.snnc.ir.backend.Backend;
import dev.snnc.ir.backend.BackendOption;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.backend.BackendReport;
import dev.snnc.ir.backend.Emission;
import dev.snnc.ir.backend.NetworkPass;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A third backend that exists only on the test class path (registered in
 * src/test/resources/META-INF/services), to prove that the CLI finds, lists and runs a backend it
 * was not written for: its target is the FPGA engine's arithmetic under another id, its one option
 * is {@code --echo-label}, and it emits one text file listing the populations.
 */
public final class EchoBackend implements Backend {
    static final TargetSpec ECHO = new TargetSpec("echo-test", TargetProfiles.FPGA.arithmetic(), TargetProfiles.FPGA.limits(),
            TargetProfiles.FPGA.energy(), "test backend");

    @Override
    public String id() {
        return "echo";
    }

    @Override
    public String description() {
        return "test-only backend that lists the populations";
    }

    @Override
    public List<TargetSpec> profiles() {
        return List.of(ECHO);
    }

    @Override
    public List<BackendOption> options() {
        return List.of(new BackendOption("--echo-label", "TEXT", "Echo: first line of populations.txt.", "echo"));
    }

    @Override
    public List<NetworkPass> legalization(BackendOptions options) {
        return List.of();
    }

    @Override
    public Emission emit(FxNetwork legal, BackendOptions options) {
        StringBuilder s = new StringBuilder(options.text("--echo-label").orElse("?")).append('\n');
        legal.populations().forEach(p -> s.append(p.name()).append(' ').append(p.shape()).append('\n'));
        return new Emission(Map.of("populations.txt", s.toString().getBytes(StandardCharsets.UTF_8)),
                new BackendReport(legal.populations().size() + " populations", s.toString(), Map.of("label",
                        options.text("--echo-label").orElse("?")), Map.of("populations", legal.populations().size()), List.of()));
    }
}
