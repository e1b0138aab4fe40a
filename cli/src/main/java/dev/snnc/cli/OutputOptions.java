package dev.snnc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** {@code --json} and {@code --quiet}, and the one JSON writer all commands use. */
final class OutputOptions {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "Print the result as JSON on stdout (documented in docs/cli-json.md).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress (bars on a terminal, plain lines every 10 s otherwise).")
    boolean quiet;

    /** Progress is reported unless quiet or printing JSON ({@link Progress} draws bars only on a terminal). */
    boolean showProgress() {
        return !quiet && !json;
    }

    static void printJson(PrintWriter out, Object value) {
        out.print(toJson(value));
    }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise report", e);
        }
    }
}
