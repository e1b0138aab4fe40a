package dev.snnc.ir;

import java.util.List;
import java.util.Locale;

/**
 * How raw pixel bytes become model input: {@code x = (byte * scale - mean[c]) / std[c]}, after an
 * optional image geometry for image files ({@code resize}: shorter side to this many pixels;
 * {@code crop}: centre square of this size; 0 = none). Stored with a model (ONNX metadata key
 * {@value #METADATA_KEY}) so users need not repeat it.
 */
public record Preprocessing(double scale, List<Double> mean, List<Double> std, int resize, int crop) {
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
        if (resize < 0 || crop < 0 || resize > MAX_SIDE || crop > MAX_SIDE) {
            throw new IllegalArgumentException("resize and crop must be 0 (none) or 1.." + MAX_SIDE + " pixels, got "
                    + resize + " and " + crop);
        }
        if (resize > 0 && crop > resize) {
            throw new IllegalArgumentException("crop " + crop + " is larger than the resized shorter side " + resize);
        }
    }

    /** Largest resize or crop side accepted (a bound on the memory one decoded image may take). */
    public static final int MAX_SIDE = 4096;

    /** Pixel arithmetic only, no image geometry (IDX and CIFAR data have fixed sizes). */
    public Preprocessing(double scale, List<Double> mean, List<Double> std) {
        this(scale, mean, std, 0, 0);
    }

    /** The same pixel arithmetic with another image geometry. */
    public Preprocessing withGeometry(int newResize, int newCrop) {
        return new Preprocessing(scale, mean, std, newResize, newCrop);
    }

    /** {@code resize 256, crop 224} for messages; empty without geometry. */
    public String describeGeometry() {
        return formatGeometry().replaceFirst("^;", "").replace(";", ", ").replace('=', ' ');
    }

    /** Whether image files are resized or cropped before the pixel arithmetic. */
    public boolean hasGeometry() {
        return resize > 0 || crop > 0;
    }

    public double apply(int channel, int rawByte) {
        int c = mean.size() == 1 ? 0 : channel;
        return (rawByte * scale - mean.get(c)) / std.get(c);
    }

    /**
     * One image's {@code [C, H, W]} pixel bytes {@code src[from .. from+size)} through {@link #apply}
     * into {@code dst[to ..]}; channels are planes of {@code size / channels} pixels.
     */
    public void applyImage(byte[] src, int from, int size, int channels, float[] dst, int to) {
        int plane = size / channels;
        for (int k = 0; k < size; k++) {
            dst[to + k] = (float) apply(k / plane, src[from + k] & 0xFF);
        }
    }

    /** The metadata text form: {@code scale=0.00392156862745098;mean=0.286;std=0.353}. */
    public String format() {
        return "scale=" + scale + ";mean=" + join(mean) + ";std=" + join(std) + formatGeometry();
    }

    /** {@code ;resize=256;crop=224}, only the parts that are set (so models without geometry keep their bytes). */
    public String formatGeometry() {
        return (resize > 0 ? ";resize=" + resize : "") + (crop > 0 ? ";crop=" + crop : "");
    }

    /** Parses {@link #format()}'s output; throws IllegalArgumentException with the offending text. */
    public static Preprocessing parse(String text) {
        double scale = Double.NaN;
        List<Double> mean = null;
        List<Double> std = null;
        int resize = 0;
        int crop = 0;
        for (String part : text.split(";")) {
            String[] kv = part.split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("preprocessing entry '" + part + "' is not key=value in '" + text + "'");
            }
            switch (kv[0].trim()) {
                case "scale" -> scale = Double.parseDouble(kv[1].trim());
                case "mean" -> mean = parseList(kv[1]);
                case "std" -> std = parseList(kv[1]);
                case "resize" -> resize = Integer.parseInt(kv[1].trim());
                case "crop" -> crop = Integer.parseInt(kv[1].trim());
                default -> throw new IllegalArgumentException("unknown preprocessing key '" + kv[0] + "' in '" + text + "'");
            }
        }
        if (Double.isNaN(scale) || mean == null || std == null) {
            throw new IllegalArgumentException("preprocessing needs scale, mean and std: '" + text + "'");
        }
        return new Preprocessing(scale, mean, std, resize, crop);
    }

    private static List<Double> parseList(String s) {
        return java.util.Arrays.stream(s.split(",")).map(String::trim).map(Double::parseDouble).toList();
    }

    private static String join(List<Double> values) {
        return String.join(",", values.stream().map(v -> String.format(Locale.ROOT, "%s", v)).toList());
    }
}
