package dev.snnc.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The compile report as one self-contained HTML page (inline CSS and SVG, no scripts, nothing
 * fetched): summary, stage times, and bar/line charts.
 */
final class ReportHtml {
    private final StringBuilder body = new StringBuilder();
    private final String title;

    ReportHtml(String title) {
        this.title = title;
    }

    ReportHtml heading(String text) {
        body.append("<h2>").append(esc(text)).append("</h2>\n");
        return this;
    }

    ReportHtml paragraph(String text) {
        body.append("<p>").append(esc(text)).append("</p>\n");
        return this;
    }

    ReportHtml table(List<String> header, List<List<String>> rows) {
        body.append("<table><tr>");
        header.forEach(h -> body.append("<th>").append(esc(h)).append("</th>"));
        body.append("</tr>\n");
        for (List<String> r : rows) {
            body.append("<tr>");
            r.forEach(c -> body.append("<td>").append(esc(c)).append("</td>"));
            body.append("</tr>\n");
        }
        body.append("</table>\n");
        return this;
    }

    /** Grouped vertical bars: one group per label, one bar per series. */
    ReportHtml bars(String caption, List<String> labels, Map<String, double[]> series, String unit) {
        int w = Math.max(480, 40 + labels.size() * (14 * series.size() + 12));
        int h = 240;
        int left = 50;
        int bottom = 60;
        double max = 1e-12;
        for (double[] v : series.values()) {
            for (double x : v) {
                max = Math.max(max, x);
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">", w, h,
                esc(caption)));
        axis(svg, left, h - bottom, w - 10, 10, max, unit);
        String[] colors = {"#3b6ea8", "#d9822b", "#4a9c5d", "#a8455b"};
        double groupW = (double) (w - left - 10) / Math.max(1, labels.size());
        double barW = Math.max(2, (groupW - 6) / series.size());
        int si = 0;
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] v = e.getValue();
            for (int i = 0; i < labels.size(); i++) {
                double bh = (h - bottom - 10) * v[i] / max;
                double x = left + i * groupW + 3 + si * barW;
                svg.append(String.format(Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s: %.4g</title></rect>",
                        x, h - bottom - bh, barW - 1, bh, colors[si % colors.length], esc(labels.get(i)), esc(e.getKey()), v[i]));
            }
            si++;
        }
        for (int i = 0; i < labels.size(); i++) {
            double x = left + i * groupW + groupW / 2;
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" transform=\"rotate(45 %.1f %d)\">%s</text>",
                    x, h - bottom + 12, x, h - bottom + 12, esc(labels.get(i))));
        }
        svg.append("</svg>");
        figure(caption, svg.toString(), series.keySet(), colors);
        return this;
    }

    /** Lines over a numeric x axis, one per series (points as x→y). */
    ReportHtml lines(String caption, Map<String, Map<Integer, Double>> series, String xLabel, String unit) {
        int w = 520;
        int h = 260;
        int left = 50;
        int bottom = 40;
        double max = 0;
        double min = Double.MAX_VALUE;
        List<Integer> xs = new ArrayList<>();
        for (Map<Integer, Double> m : series.values()) {
            for (Map.Entry<Integer, Double> e : m.entrySet()) {
                max = Math.max(max, e.getValue());
                min = Math.min(min, e.getValue());
                if (!xs.contains(e.getKey())) {
                    xs.add(e.getKey());
                }
            }
        }
        xs.sort(Integer::compare);
        if (xs.isEmpty()) {
            return this;
        }
        double lo = Math.max(0, Math.floor(min / 10) * 10);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT,
                "<svg width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">", w, h, esc(caption)));
        double range = Math.max(1e-9, max - lo);
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>", left, h - bottom,
                w - 10, h - bottom));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"10\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>", left, left,
                h - bottom));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"16\" font-size=\"10\">%.1f%s</text>", max, esc(unit)));
        svg.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"%d\" font-size=\"10\">%.1f%s</text>", h - bottom, lo, esc(unit)));
        String[] colors = {"#3b6ea8", "#d9822b", "#4a9c5d", "#a8455b", "#7a5aa8", "#555"};
        double step = (double) (w - left - 30) / Math.max(1, xs.size() - 1);
        for (int i = 0; i < xs.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">%s=%d</text>", left + i * step - 8,
                    h - bottom + 14, esc(xLabel), xs.get(i)));
        }
        int si = 0;
        for (Map.Entry<String, Map<Integer, Double>> e : series.entrySet()) {
            StringBuilder pts = new StringBuilder();
            for (Map.Entry<Integer, Double> p : new java.util.TreeMap<>(e.getValue()).entrySet()) {
                double x = left + xs.indexOf(p.getKey()) * step;
                double y = h - bottom - (h - bottom - 10) * (p.getValue() - lo) / range;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s %s=%d: %.2f</title></circle>",
                        x, y, colors[si % colors.length], esc(e.getKey()), esc(xLabel), p.getKey(), p.getValue()));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\"/>", pts.toString().trim(),
                    colors[si % colors.length]));
            si++;
        }
        svg.append("</svg>");
        figure(caption, svg.toString(), series.keySet(), colors);
        return this;
    }

    private void axis(StringBuilder svg, int x0, int y0, int x1, int yTop, double max, String unit) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>", x0, y0, x1, y0));
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>", x0, yTop, x0, y0));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%.3g%s</text>", yTop + 8, max, esc(unit)));
        svg.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">0</text>", y0));
    }

    private void figure(String caption, String svg, java.util.Collection<String> names, String[] colors) {
        body.append("<figure>").append(svg).append("<figcaption>").append(esc(caption)).append(" — ");
        int i = 0;
        for (String n : names) {
            body.append("<span style=\"color:").append(colors[i++ % colors.length]).append("\">&#9632;</span> ")
                    .append(esc(n)).append(' ');
        }
        body.append("</figcaption></figure>\n");
    }

    String render() {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title) + "</title>\n"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                + "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left}"
                + "th{background:#f0f0f0}figure{margin:1.5em 0}figcaption{font-size:90%;color:#444}</style></head>\n"
                + "<body><h1>" + esc(title) + "</h1>\n" + body + "</body></html>\n";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static Map<String, double[]> series(String name, double[] values) {
        Map<String, double[]> m = new LinkedHashMap<>();
        m.put(name, values);
        return m;
    }
}
