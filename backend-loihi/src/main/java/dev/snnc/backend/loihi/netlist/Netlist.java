package dev.snnc.backend.loihi.netlist;

/** Format constants of the Loihi netlist. */
public final class Netlist {
    public static final String FORMAT = "snnc-loihi-netlist";
    public static final int VERSION = 1;
    /** Lava's stock fixed-point LIF (reset to zero, one vth per process). */
    public static final String LIF = "LIF";
    /** snnc's LIF process model with reset by subtraction and a vth per channel (lava/snnc_lava.py). */
    public static final String SUBTRACTIVE_LIF = "SubtractiveLIF";

    private Netlist() {
    }
}
