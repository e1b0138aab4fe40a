/**
 * Named rewrites of an {@link dev.snnc.ir.fx.FxNetwork} into the subset the backends express (Lava's
 * processes, the FPGA engine):
 * no pooling between populations (folded into the following synapses), no identity shortcuts
 * (depthwise 1x1 convs). Each pass preserves spikes exactly; what cannot be rewritten is a
 * diagnostic naming the synapse group, never dropped.
 */
package dev.snnc.ir.fx.legalize;
