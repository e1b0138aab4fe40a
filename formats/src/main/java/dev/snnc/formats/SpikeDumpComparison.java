package dev.snnc.formats;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Compares two spike dumps ({@link SpikeDump}, e.g. {@code snnc simulate --dump} and a run in
 * Lava): the same steps, and per image, per population in order, the same name, spike steps and
 * spiking neurons, and the same readout. Traces ({@code u}, {@code v}) are not compared.
 */
public final class SpikeDumpComparison {
    /** The outcome: the first difference, if any, and the spikes compared. */
    public record Result(Optional<String> firstDifference, long spikes) {
    }

    private SpikeDumpComparison() {
    }

    public static Result compare(JsonNode expected, JsonNode actual) {
        if (!expected.path("steps").equals(actual.path("steps"))) {
            return differ("steps: " + expected.path("steps") + " vs " + actual.path("steps"), 0);
        }
        long spikes = 0;
        JsonNode ei = expected.path("images");
        JsonNode ai = actual.path("images");
        if (ei.size() != ai.size()) {
            return differ("images: " + ei.size() + " vs " + ai.size(), 0);
        }
        for (int i = 0; i < ei.size(); i++) {
            JsonNode el = ei.get(i).path("layers");
            JsonNode al = ai.get(i).path("layers");
            if (el.size() != al.size()) {
                return differ("image " + i + ": " + el.size() + " vs " + al.size() + " populations", spikes);
            }
            for (int p = 0; p < el.size(); p++) {
                String where = "image " + i + ", population " + el.get(p).path("name").asText();
                for (String key : new String[] {"name", "spike_steps", "spike_neurons"}) {
                    if (!el.get(p).path(key).equals(al.get(p).path(key))) {
                        return differ(where + ": " + key + " differ", spikes);
                    }
                }
                spikes += el.get(p).path("spike_steps").size();
            }
            if (!ei.get(i).path("readout").equals(ai.get(i).path("readout"))) {
                return differ("image " + i + ": readout " + ei.get(i).path("readout") + " vs " + ai.get(i).path("readout"),
                        spikes);
            }
        }
        return new Result(Optional.empty(), spikes);
    }

    private static Result differ(String what, long spikes) {
        return new Result(Optional.of(what), spikes);
    }
}
