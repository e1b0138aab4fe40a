/**
 * The fixed-point level: integer populations, synapse groups and readout of a spiking network
 * for one {@link dev.snnc.ir.target.TargetSpec}, as the simulator runs and the backends emit them.
 */
package dev.snnc.ir.fx;
