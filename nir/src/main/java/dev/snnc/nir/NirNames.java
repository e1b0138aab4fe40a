package dev.snnc.nir;

/** NIR node names are HDF5 group names: snnc value names (which may hold '/') made safe, and the fixed names. */
final class NirNames {
    static final String INPUT = "input";
    static final String OUTPUT = "output";
    /** Suffix of the Scale node after an IF node: NIR's IF emits 0/1, snnc's populations emit spike·θ. */
    static final String TIMES_THRESHOLD = ".times_threshold";

    private NirNames() {
    }

    static String of(String value) {
        return "n_" + value.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
