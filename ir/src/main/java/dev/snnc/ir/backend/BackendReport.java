package dev.snnc.ir.backend;

import java.util.List;
import java.util.Map;

/**
 * A backend's account of what it emitted, in the forms the CLI's reports need.
 *
 * @param headline one line for the compile summary (e.g. cores and chips, or cycles per image)
 * @param text     the backend's section of report.txt
 * @param details  an object serialised into report.json (a record; Jackson writes its components)
 * @param figures  key figures for the summary table and report.json's summary, in display order
 * @param charts   bar charts for report.html
 */
public record BackendReport(String headline, String text, Object details, Map<String, Number> figures, List<Chart> charts) {
    public BackendReport {
        figures = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(figures));
        charts = List.copyOf(charts);
    }

    /**
     * Bars per label, one series each.
     *
     * @param unit appended to values, e.g. {@code %}
     */
    public record Chart(String section, String title, List<String> labels, Map<String, double[]> series, String unit) {
        public Chart {
            labels = List.copyOf(labels);
            series = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(series));
        }
    }
}
