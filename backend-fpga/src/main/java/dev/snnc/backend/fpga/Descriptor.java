package dev.snnc.backend.fpga;

import java.util.Locale;

/**
 * The engine's descriptor words: one word per job header and one per synapse group, each
 * {@link #FIELDS} signed 32-bit fields (field i in bits {@code 32i..32i+31}). The field indices are
 * written once, into {@code snn_params.vh} as {@code SNN_H_*} and {@code SNN_G_*}, and the RTL reads
 * fields only through those names.
 */
final class Descriptor {
    /**
     * Job header fields; bases are word addresses in the PE-wide memories. {@code PER_NEURON_INIT}:
     * the population's initial potentials and currents are in neuron_init.mem from {@code INIT_BASE}
     * (else in its channel words); {@code INPUT_DRIVEN}: its constant current is what its input job
     * wrote to the current memory at {@code CUR_BASE} (an input job writes there).
     */
    enum Header { KIND, POP, OC, OH, OW, NGROUPS, CHAN_BASE, BIAS_BASE, NEURON_BASE, INIT_BASE, PER_NEURON_INIT, CUR_BASE,
        INPUT_DRIVEN }

    /**
     * Synapse group fields. {@code PLANE}, {@code SH_GW}, {@code PT_GW} and {@code DH_GW} are products
     * of geometry fields, precomputed so that the engine's address path only adds.
     */
    enum Group { MODE, DENSE, SRC_BASE, CIN, GH, GW, CG, KH, KW, SH, SW, PT, PL, DH, DW, W_BASE, EXP, TAPS, PLANE, SH_GW,
        PT_GW, DH_GW }

    static final int FIELDS = Math.max(Header.values().length, Group.values().length);
    static final int BITS = 32 * FIELDS;

    private Descriptor() {
    }

    /** {@code `define} lines naming every field index. */
    static String defines() {
        StringBuilder s = new StringBuilder();
        s.append("`define SNN_DESC_FIELDS ").append(FIELDS).append('\n');
        for (Header h : Header.values()) {
            s.append("`define SNN_H_").append(h.name()).append(' ').append(h.ordinal()).append('\n');
        }
        for (Group g : Group.values()) {
            s.append("`define SNN_G_").append(g.name()).append(' ').append(g.ordinal()).append('\n');
        }
        return s.toString();
    }

    static String name(Enum<?> field) {
        return field.name().toLowerCase(Locale.ROOT);
    }
}
