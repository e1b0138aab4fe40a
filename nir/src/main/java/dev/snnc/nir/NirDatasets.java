package dev.snnc.nir;

import dev.snnc.ir.Tensor;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;

/**
 * Typed reads of a NIR node's datasets (strings, integers, integer and float arrays as snnc
 * tensors); a missing or mistyped dataset is an {@code IllegalArgumentException} naming its path,
 * which {@link NirReader} turns into a diagnostic naming the file.
 */
final class NirDatasets {
    private NirDatasets() {
    }

    static Dataset dataset(Group g, String key) {
        Node n = g.getChild(key);
        if (!(n instanceof Dataset d)) {
            throw new IllegalArgumentException(g.getPath() + " has no dataset '" + key + "'");
        }
        return d;
    }

    static String string(Group g, String key) {
        Object v = dataset(g, key).getData();
        return v instanceof String s ? s : String.valueOf(v);
    }

    static long number(Group g, String key) {
        Object v = dataset(g, key).getData();
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException(g.getPath() + "/" + key + " is not a number");
    }

    static long[] longs(Group g, String key) {
        Object flat = dataset(g, key).getDataFlat();
        if (flat instanceof long[] l) {
            return l;
        }
        if (flat instanceof int[] i) {
            return java.util.Arrays.stream(i).asLongStream().toArray();
        }
        throw new IllegalArgumentException(g.getPath() + "/" + key + " is not an integer array");
    }

    static int[] ints(Group g, String key) {
        return java.util.Arrays.stream(longs(g, key)).mapToInt(Math::toIntExact).toArray();
    }

    static Tensor tensor(Group g, String key) {
        Dataset d = dataset(g, key);
        Object flat = d.getDataFlat();
        float[] values;
        if (flat instanceof float[] f) {
            values = f;
        } else if (flat instanceof double[] dd) {
            values = new float[dd.length];
            for (int i = 0; i < dd.length; i++) {
                values[i] = (float) dd[i];
            }
        } else {
            throw new IllegalArgumentException(g.getPath() + "/" + key + " is not a float array");
        }
        int[] dims = d.isScalar() ? new int[] {1} : d.getDimensions();
        return Tensor.of(values, dims);
    }
}
