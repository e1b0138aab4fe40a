package dev.snnc.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
    @Test
    void roundTripsThroughItsMetadataText() {
        Preprocessing p = new Preprocessing(1 / 255.0, List.of(0.286), List.of(0.353));
        assertEquals(p, Preprocessing.parse(p.format()));
    }

    @Test
    void appliesScaleMeanAndStd() {
        Preprocessing p = new Preprocessing(0.5, List.of(10.0), List.of(2.0));
        assertEquals((100 * 0.5 - 10) / 2, p.apply(0, 100), 1e-12);
    }

    @Test
    void rejectsMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.parse("scale=1;mean=0"));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.parse("scale=1;mean=0;std=0"));
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.parse("colour=red"));
    }
}
