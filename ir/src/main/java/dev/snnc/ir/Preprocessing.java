package dev.snnc.ir;

import java.util.List;
import java.util.Locale;

/**
 * How raw pixel bytes become model input: {@code x = (byte * scale - mean[c]) / std[c]}. Stored with
 * a model (ONNX metadata key {@value #METADATA_KEY}) so users need not repeat it.
 */
public record Preprocessing(double scale, List<Double> mean, List<Double> std) {
    public static final String METADATA_KEY = "snnc.preprocessing";
    /** The raw pixel bytes as floats (0..255): what fixed-point networks read. */
    public static final Preprocessing RAW_BYTES = new Preprocessing(1.0, List.of(0.0), List.of(1.0));
    public static final Preprocessing UNIT_SCALE = new Preprocessing(1.0 / 255.0, List.of(0.0), List.of(1.0));

    public Preprocessing {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != std.size() || mean.isEmpty()) {
            throw new IllegalArgumentException("mean and std need one value per channel, got " + mean + " and " + std);
        }
        for (double s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be positive, got " + std);
            }
        }
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive, got " + scale);
        }
    }

    public double apply(int channel, int rawByte) {
        int c = mean.size() == 1 ? 0 : channel;
        return (rawByte * scale - mean.get(c)) / std.get(c);
    }

    /** The metadata text form: {@code scale=0.00392156862745098;mean=0.286;std=0.353}. */
    public String format() {
        return "scale=" + scale + ";mean=" + join(mean) + ";std=" + join(std);
    }

    /** Parses {@link #format()}'s output; throws IllegalArgumentException with the offending text. */
    public static Preprocessing parse(String text) {
        double scale = Double.NaN;
        List<Double> mean = null;
        List<Double> std = null;
        for (String part : text.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("preprocessing entry '" + part + "' is not key=value in '" + text + "'");
            }
            switch (kv[0].trim()) {
                case "scale" -> scale = Double.parseDouble(kv[1].trim());
                case "mean" -> mean = parseList(kv[1]);
                case "std" -> std = parseList(kv[1]);
                default -> throw new IllegalArgumentException("unknown preprocessing key '" + kv[0] + "' in '" + text + "'");
            }
        }
        if (Double.isNaN(scale) || mean == null || std == null) {
            throw new IllegalArgumentException("preprocessing needs scale, mean and std: '" + text + "'");
        }
        return new Preprocessing(scale, mean, std);
    }

    private static List<Double> parseList(String s) {
        return java.util.Arrays.stream(s.split(",")).map(String::trim).map(Double::parseDouble).toList();
    }

    private static String join(List<Double> values) {
        return String.join(",", values.stream().map(v -> String.format(Locale.ROOT, "%s", v)).toList());
    }
}
