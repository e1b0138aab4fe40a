/**
 * The {@code snnc} command line (picocli): one class per subcommand, shared option mixins, the
 * diagnostic-to-exit-code mapping in {@link dev.snnc.cli.Main}. The only module joining all others.
 */
package dev.snnc.cli;
