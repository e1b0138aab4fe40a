package dev.snnc.ir.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The documented rule (nearest, ties away from zero, symmetric in sign) is the implemented one. */
class RoundingTest {
    @Property
    void symmetricInSign(@ForAll @DoubleRange(min = -1e15, max = 1e15) double x) {
        assertEquals(-Rounding.halfAwayFromZero(x), Rounding.halfAwayFromZero(-x));
    }

    @Property
    void nearestInteger(@ForAll @DoubleRange(min = -1e12, max = 1e12) double x) {
        long r = Rounding.halfAwayFromZero(x);
        assertTrue(Math.abs(x - r) <= 0.5, x + " -> " + r);
    }

    @Property
    void tiesGoAwayFromZero(@ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long n) {
        double tie = n + (n >= 0 ? 0.5 : -0.5);
        assertEquals(n >= 0 ? n + 1 : n - 1, Rounding.halfAwayFromZero(tie));
    }

    @Test
    void examples() {
        assertEquals(-3, Rounding.halfAwayFromZero(-2.5));
        assertEquals(3, Rounding.halfAwayFromZero(2.5));
        assertEquals(-2, Rounding.halfAwayFromZero(-2.4999));
        assertEquals(0, Rounding.halfAwayFromZero(0.49999999999999994)); // Math.floor(x + 0.5) would give 1
        assertEquals(Long.MAX_VALUE, Rounding.halfAwayFromZero(1e30));
        assertThrows(IllegalArgumentException.class, () -> Rounding.halfAwayFromZero(Double.NaN));
    }
}
