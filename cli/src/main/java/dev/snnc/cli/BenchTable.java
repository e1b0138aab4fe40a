package dev.snnc.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.snnc.ir.io.AtomicOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A benchmark's results as rows of named values, rewritten as JSON and as a Markdown table after
 * every row (so an interrupted run keeps what it measured).
 */
final class BenchTable {
    private final String benchmark;
    private final String title;
    private final Map<String, String> header;
    private final Map<String, String> columns;
    private final String note;
    private final List<Map<String, Object>> rows = new ArrayList<>();

    /**
     * @param header  document fields (command, machine, data...) shown above the table
     * @param columns row keys to their column titles, in table order
     */
    BenchTable(String benchmark, String title, Map<String, String> header, Map<String, String> columns, String note) {
        this.benchmark = benchmark;
        this.title = title;
        this.header = header;
        this.columns = columns;
        this.note = note;
    }

    /** The header every suite starts from: the command, the machine and the test images. */
    static Map<String, String> header(String command, dev.snnc.ir.ImageSet test) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("command", command);
        h.put("machine", Machine.describe());
        h.put("test_data", BenchCommand.relative(test.source()) + ", " + test.size() + " images");
        return h;
    }

    void add(Map<String, Object> row, Path json, Path md) throws Exception {
        rows.add(row);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", benchmark);
        doc.putAll(header);
        doc.put("rows", rows);
        AtomicOutput.write(json, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc)
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        header.forEach((k, v) -> sb.append(k.replace('_', ' ')).append(": ").append(k.equals("command") ? "`" + v + "`" : v)
                .append("  \n"));
        sb.append('\n').append(note).append("\n\n|");
        columns.values().forEach(c -> sb.append(' ').append(c).append(" |"));
        sb.append("\n|");
        columns.values().forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (Map<String, Object> r : rows) {
            sb.append('|');
            columns.keySet().forEach(k -> sb.append(' ').append(format(r.get(k))).append(" |"));
            sb.append('\n');
        }
        AtomicOutput.write(md, sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String format(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) { // large counts in 3 significant digits; the rest as stored (rows round what they keep)
            return Math.abs(d) >= 1e5 ? String.format(java.util.Locale.ROOT, "%.3g", d)
                    : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }
}
