package dev.snnc.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.snnc.ir.op.Linear;
import org.junit.jupiter.api.Test;

class TensorTest {
    @Test
    void isImmutableAgainstTheCallersArrays() {
        float[] data = {1, 2, 3, 4};
        Tensor t = Tensor.of(data, 2, 2);
        data[0] = 99;
        assertEquals(1f, t.get(0));
        t.toArray()[1] = 99;
        assertEquals(2f, t.get(1));
    }

    @Test
    void comparesByContentSoRecordsHoldingTensorsDoToo() {
        Linear a = new Linear(Tensor.of(new float[] {1, 2}, 1, 2), Tensor.zeros(1));
        Linear b = new Linear(Tensor.of(new float[] {1, 2}, 1, 2), Tensor.zeros(1));
        Linear c = new Linear(Tensor.of(new float[] {1, 3}, 1, 2), Tensor.zeros(1));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertNotEquals(Tensor.of(new float[] {1, 2}, 2), Tensor.of(new float[] {1, 2}, 1, 2));
    }

    @Test
    void rejectsDataThatDoesNotFitTheShape() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[3], 2, 2));
    }

    @Test
    void checksumDependsOnEveryBit() {
        assertNotEquals(Tensor.of(new float[] {0f}, 1).checksum(), Tensor.of(new float[] {-0f}, 1).checksum());
    }
}
