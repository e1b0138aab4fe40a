package dev.snnc.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.snnc.ir.diag.SnncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Reading snnc's versioned JSON documents ({@code "format"} and {@code "version"} keys): sniffing
 * and the checks every reader repeats, each failure a diagnostic from the caller's factory.
 */
public final class VersionedJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VersionedJson() {
    }

    /** True when the file's first bytes name {@code format} (cheap sniffing for the CLI). */
    public static boolean names(Path file, String format) {
        if (!ArtifactFiles.isRegularFile(file, true)) {
            return false; // never open a FIFO or device to sniff it
        }
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(200), StandardCharsets.UTF_8).contains("\"" + format + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    /** "format is 'snnc-fx', expected 'snnc-snn'": which of snnc's files it is instead, where it says. */
    static String formatMismatch(JsonNode root, String expected) {
        String found = root == null ? "" : root.path("format").asText();
        return "format is " + (found.isEmpty() ? "missing" : "'" + found + "'") + ", expected '" + expected + "'";
    }

    /**
     * The document's root, after checking it exists, parses, and has {@code format} and
     * {@code version}; {@code problem} turns "what is wrong" into the caller's diagnostic.
     */
    public static JsonNode read(Path file, String format, int version, String what, Function<String, SnncException> problem) {
        JsonNode root;
        byte[] bytes = ArtifactFiles.read(file, true, problem);
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw problem.apply("is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !format.equals(root.path("format").asText())) {
            throw problem.apply("is not " + what + " (" + formatMismatch(root, format) + ")");
        }
        if (root.path("version").asInt(-1) != version) {
            throw problem.apply("has format version " + root.path("version") + "; this snnc reads version " + version);
        }
        return root;
    }
}
