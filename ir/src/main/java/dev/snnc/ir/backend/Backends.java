package dev.snnc.ir.backend;

import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.target.TargetProfiles;
import dev.snnc.ir.target.TargetSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * The backends installed on the class path, sorted by id, and the targets they compile for. Two
 * backends claiming one target id is an error at start, not a silent choice.
 */
public final class Backends {
    private final List<Backend> installed;

    private Backends(List<Backend> installed) {
        this.installed = installed;
        List<String> ids = targets().stream().map(TargetSpec::id).toList();
        if (ids.size() != ids.stream().distinct().count() || ids.contains(TargetProfiles.IDEAL.id())) {
            throw new IllegalStateException("installed backends claim the same target id twice: " + ids);
        }
    }

    /** Every backend that {@link ServiceLoader} finds with this class's loader (looked up once per JVM). */
    public static Backends installed() {
        return Installed.ALL;
    }

    /** Loaded on first use: the class path does not change while the JVM runs. */
    private static final class Installed {
        static final Backends ALL = load();

        private static Backends load() {
            List<Backend> found = new ArrayList<>();
            ServiceLoader.load(Backend.class, Backends.class.getClassLoader()).forEach(found::add);
            found.sort(Comparator.comparing(Backend::id));
            return new Backends(List.copyOf(found));
        }
    }

    public List<Backend> all() {
        return installed;
    }

    /** Every target of every backend, in backend order then the backend's own order. */
    public List<TargetSpec> targets() {
        return installed.stream().flatMap(b -> b.profiles().stream()).toList();
    }

    /** The ids {@code --target} accepts, comma-separated, for messages and help. */
    public String targetIds() {
        return targets().stream().map(TargetSpec::id).collect(Collectors.joining(", "));
    }

    /** The installed target named {@code id}, or the simulator's {@code ideal} reference when {@code withIdeal}. */
    public Optional<TargetSpec> target(String id, boolean withIdeal) {
        if (withIdeal && id.equals(TargetProfiles.IDEAL.id())) {
            return Optional.of(TargetProfiles.IDEAL);
        }
        return targets().stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /** The backend that compiles {@code target}; SNNC-E300 naming the installed targets otherwise. */
    public Backend forTarget(TargetSpec target) {
        return installed.stream().filter(b -> b.compiles(target)).findFirst().orElseThrow(() -> new SnncException(
                Diagnostic.of(DiagnosticCode.BAD_OPTION, Origin.SYNTHETIC, "no installed backend compiles target '"
                        + target.id() + "'; installed targets: " + targetIds())));
    }

    /** The backend whose reader recognizes {@code path}, if any. */
    public Optional<Backend> readerFor(java.nio.file.Path path) {
        return installed.stream().filter(b -> b.reader().map(r -> r.recognizes(path)).orElse(false)).findFirst();
    }

    public Optional<Backend> byId(String id) {
        return installed.stream().filter(b -> b.id().equals(id)).findFirst();
    }
}
