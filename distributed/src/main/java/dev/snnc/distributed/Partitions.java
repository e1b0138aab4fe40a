package dev.snnc.distributed;

import java.util.ArrayList;
import java.util.List;

/** Contiguous, balanced image ranges: partition i holds images {@code [from, to)}; earlier partitions take the remainder. */
final class Partitions {
    private Partitions() {
    }

    static List<int[]> ranges(int images, int partitions) {
        int p = Math.max(1, Math.min(partitions, Math.max(images, 1)));
        List<int[]> out = new ArrayList<>(p);
        int base = images / p;
        int extra = images % p;
        int from = 0;
        for (int i = 0; i < p; i++) {
            int size = base + (i < extra ? 1 : 0);
            out.add(new int[] {from, from + size});
            from += size;
        }
        return out;
    }
}
