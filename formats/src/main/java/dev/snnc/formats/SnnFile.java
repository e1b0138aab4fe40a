package dev.snnc.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.snnc.ir.InputEncoding;
import dev.snnc.ir.Origin;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.io.AtomicOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes calibrated-SNN files ({@code .snn}): JSON with {@code "format": "snnc-snn"} and
 * an integer {@code "version"} (currently {@value #VERSION}). Schema: calibration/README.md.
 */
public final class SnnFile {
    public static final String FORMAT = "snnc-snn";
    public static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SnnFile() {
    }

    public static byte[] toBytes(CalibratedSnn snn) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("timesteps", snn.timesteps());
        root.put("input_encoding", snn.encoding().name().toLowerCase(java.util.Locale.ROOT));
        ObjectNode prov = root.putObject("provenance");
        snn.provenance().forEach(prov::put);
        root.set("graph", GraphJson.write(snn.graph()));
        try {
            return (JSON.writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise SNN", e);
        }
    }

    /** Writes atomically: a failed write leaves no partial file. */
    public static void write(CalibratedSnn snn, Path file) {
        AtomicOutput.write(file, toBytes(snn));
    }

    public static boolean looksLikeSnnFile(Path file) {
        if (!ArtifactFiles.isRegularFile(file, true)) {
            return false; // never open a FIFO or device to sniff it
        }
        try {
            byte[] head = new byte[256];
            int n;
            try (var in = Files.newInputStream(file)) {
                n = in.readNBytes(head, 0, head.length);
            }
            return new String(head, 0, n, StandardCharsets.UTF_8).contains("\"format\" : \"" + FORMAT + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    public static CalibratedSnn read(Path file) {
        byte[] bytes = ArtifactFiles.read(file, true, what -> problem(file, what.equals("not found") ? "file not found" : what));
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException e) {
            throw problem(file, "is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw problem(file, "is not a calibrated SNN file (" + VersionedJson.formatMismatch(root, FORMAT) + ")");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw problem(file, "has format version " + version + "; this snnc reads version " + VERSION);
        }
        try {
            Map<String, String> provenance = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : root.path("provenance").properties()) {
                provenance.put(e.getKey(), e.getValue().asText());
            }
            int timesteps = GraphJson.require(root, "timesteps", "file").asInt();
            if (timesteps < 1 || timesteps > dev.snnc.ir.fx.FxLimits.MAX_TIMESTEPS) {
                throw problem(file, "asks for " + timesteps + " timesteps; the limit is 1.." + dev.snnc.ir.fx.FxLimits.MAX_TIMESTEPS
                        + " (raise it with -Dsnnc.limit.timesteps=N in SNNC_JAVA_OPTS)");
            }
            return new CalibratedSnn(GraphJson.read(GraphJson.require(root, "graph", "file")), timesteps,
                    InputEncoding.valueOf(GraphJson.text(root, "input_encoding", "file").toUpperCase(java.util.Locale.ROOT)),
                    provenance);
        } catch (RuntimeException e) {
            if (e instanceof SnncException s) {
                throw s;
            }
            throw problem(file, "is malformed: " + e.getMessage());
        }
    }

    private static SnncException problem(Path file, String what) {
        return new SnncException(Diagnostic.of(DiagnosticCode.BAD_SNN_FILE, Origin.SYNTHETIC, "SNN file " + file + " " + what));
    }
}
