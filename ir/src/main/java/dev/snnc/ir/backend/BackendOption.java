package dev.snnc.ir.backend;

/**
 * A command-line option a backend reads, declared as data so that the CLI can add it without
 * knowing the backend (and backends need no CLI library).
 *
 * @param name         the long option, e.g. {@code --pe}
 * @param paramLabel   the value's placeholder in help, e.g. {@code N}
 * @param description  help text
 * @param defaultValue the value when the option is absent, or null for "not given"
 */
public record BackendOption(String name, String paramLabel, String description, String defaultValue) {
    public BackendOption {
        if (!name.startsWith("--")) {
            throw new IllegalArgumentException("backend options are long options, got '" + name + "'");
        }
    }
}
