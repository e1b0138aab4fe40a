package dev.snnc.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a JSON file as a fuzzer of structured inputs makes them: one to three edits
 * of the parsed tree (a value replaced by a boundary number, another type or null; a key or array
 * element removed, duplicated or the array truncated), or byte flips and truncation of the text.
 */
final class JsonMutator {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long[] BOUNDARIES = {0, -1, 1, 2, 255, 65_536, Integer.MAX_VALUE, Integer.MIN_VALUE,
        1L << 40, Long.MAX_VALUE, Long.MIN_VALUE, 1_000_000_000};

    private JsonMutator() {
    }

    static byte[] mutate(byte[] original, Random r) {
        if (r.nextInt(5) == 0) {
            return Bytes.flip(original, r);
        }
        try {
            JsonNode root = JSON.readTree(original);
            int edits = 1 + r.nextInt(3);
            for (int e = 0; e < edits; e++) {
                edit(root, r);
            }
            return JSON.writeValueAsBytes(root);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One edit at a random place of the tree. */
    private static void edit(JsonNode root, Random r) {
        List<ContainerNode<?>> parents = new ArrayList<>();
        collect(root, parents);
        ContainerNode<?> parent = parents.get(r.nextInt(parents.size()));
        if (parent.size() == 0) {
            return;
        }
        int op = r.nextInt(6);
        if (parent instanceof ArrayNode a) {
            int i = r.nextInt(a.size());
            switch (op) {
                case 0 -> a.remove(i);
                case 1 -> a.insert(i, a.get(i).deepCopy());
                case 2 -> {
                    while (a.size() > i) {
                        a.remove(a.size() - 1);
                    }
                }
                default -> a.set(i, replacement(r));
            }
        } else if (parent instanceof ObjectNode o) {
            List<String> keys = new ArrayList<>();
            o.fieldNames().forEachRemaining(keys::add);
            String k = keys.get(r.nextInt(keys.size()));
            if (op == 0) {
                o.remove(k);
            } else if (op == 1 && o.get(k).isContainerNode()) {
                o.set(k, o.get(k).isArray() ? JsonNodeFactory.instance.arrayNode() : JsonNodeFactory.instance.objectNode());
            } else {
                o.set(k, replacement(r));
            }
        }
    }

    private static JsonNode replacement(Random r) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        return switch (r.nextInt(8)) {
            case 0 -> f.textNode("x");
            case 1 -> f.nullNode();
            case 2 -> f.booleanNode(r.nextBoolean());
            case 3 -> f.numberNode(r.nextGaussian() * 1e3);
            case 4 -> f.numberNode(-BOUNDARIES[r.nextInt(BOUNDARIES.length)]);
            default -> f.numberNode(BOUNDARIES[r.nextInt(BOUNDARIES.length)]);
        };
    }

    private static void collect(JsonNode n, List<ContainerNode<?>> out) {
        if (n instanceof ContainerNode<?> c) {
            out.add(c);
            n.forEach(child -> collect(child, out));
        }
    }

    /** Byte-level damage. */
    static final class Bytes {
        private Bytes() {
        }

        static byte[] flip(byte[] original, Random r) {
            if (original.length == 0) {
                return original;
            }
            if (r.nextInt(4) == 0) {
                return java.util.Arrays.copyOf(original, r.nextInt(original.length));
            }
            byte[] b = original.clone();
            int flips = 1 + r.nextInt(8);
            for (int i = 0; i < flips; i++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            return b;
        }

        static String text(byte[] b) {
            return new String(b, StandardCharsets.UTF_8);
        }
    }
}
