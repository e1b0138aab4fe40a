package dev.snnc.ir.backend;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a backend printed: artifact files by name (sorted, so writing them is deterministic) and
 * the report on them.
 */
public record Emission(SortedMap<String, byte[]> files, BackendReport report) {
    public Emission(Map<String, byte[]> files, BackendReport report) {
        this(Collections.unmodifiableSortedMap(new TreeMap<>(files)), report);
    }
}
