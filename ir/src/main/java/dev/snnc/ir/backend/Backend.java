package dev.snnc.ir.backend;

import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.target.TargetSpec;
import java.util.List;
import java.util.Optional;

/**
 * A hardware backend, found on the class path with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.snnc.ir.backend.Backend} entry in its jar). It names the target
 * profiles it compiles for, declares its own command-line options, lists its legalization passes
 * (rewrites into what the hardware expresses, reporting every problem at once), and emits a legal
 * network as named files plus a report, as a printer: emit makes no decisions that legalization
 * could have made and reports no problems of its own. The {@link BackendDriver} runs these steps
 * in order with {@link FxNetwork#verify} before and after. See docs/adr/0017.
 */
public interface Backend {
    /** Stable name, e.g. {@code loihi} or {@code fpga}. */
    String id();

    /** One line for {@code --help} and {@code --target} listings. */
    String description();

    /** The targets this backend compiles for; their ids are what {@code --target} accepts. */
    List<TargetSpec> profiles();

    /** Options of {@code compile} that only this backend reads; names must not clash with other backends'. */
    default List<BackendOption> options() {
        return List.of();
    }

    /** The rewrites that make a verified network legal for this backend, in order. */
    List<NetworkPass> legalization(BackendOptions options);

    /** Prints a legal network's artifacts (file name to bytes) and a report. */
    Emission emit(FxNetwork legal, BackendOptions options);

    /** Reads this backend's artifacts back into the network they describe, if it can. */
    default Optional<ArtifactReader> reader() {
        return Optional.empty();
    }

    /** Runs emitted artifacts in an external hardware model for comparison, if there is one. */
    default Optional<Cosimulation> cosimulation() {
        return Optional.empty();
    }

    /**
     * Whether the hardware runs a spiking max pool (docs/adr/0021). {@code compile} refuses a model
     * with max pooling for a backend that does not, before spending minutes on calibration.
     */
    default boolean expressesMaxPooling() {
        return false;
    }

    /** True when this backend compiles for {@code target}. */
    default boolean compiles(TargetSpec target) {
        return profiles().stream().anyMatch(p -> p.id().equals(target.id()));
    }
}
