package dev.snnc.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The comparison the Lava and netx equivalence tests rely on finds each kind of difference. */
class SpikeDumpComparisonTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode dump() {
        ObjectNode d = JSON.createObjectNode();
        d.put("steps", 5);
        ObjectNode image = d.putArray("images").addObject();
        ObjectNode layer = image.putArray("layers").addObject();
        layer.put("name", "a");
        layer.putArray("spike_steps").add(1).add(3);
        layer.putArray("spike_neurons").add(0).add(2);
        image.putArray("readout").add(4).add(-1);
        return d;
    }

    @Test
    void equalDumpsCountTheirSpikes() {
        SpikeDumpComparison.Result r = SpikeDumpComparison.compare(dump(), dump());
        assertTrue(r.firstDifference().isEmpty());
        assertEquals(2, r.spikes());
    }

    @Test
    void aMovedSpikeAChangedReadoutAndOtherStepsAreEachFound() {
        ObjectNode moved = dump();
        ((ArrayNode) moved.get("images").get(0).get("layers").get(0).get("spike_neurons")).set(1, 3);
        assertEquals("image 0, population a: spike_neurons differ",
                SpikeDumpComparison.compare(dump(), moved).firstDifference().orElseThrow());
        ObjectNode readout = dump();
        ((ArrayNode) readout.get("images").get(0).get("readout")).set(0, 5);
        assertTrue(SpikeDumpComparison.compare(dump(), readout).firstDifference().orElseThrow().contains("readout"));
        ObjectNode steps = dump();
        steps.put("steps", 6);
        JsonNode expected = dump();
        assertTrue(SpikeDumpComparison.compare(expected, steps).firstDifference().orElseThrow().startsWith("steps"));
    }
}
