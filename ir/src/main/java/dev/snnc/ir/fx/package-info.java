/**
 * The fixed-point level: integer populations, synapse groups and readout of a spiking network
 * for one {@link dev.snnc.ir.target.TargetSpec}, as the simulator runs and the backends emit them.
 * It is verified as the float IR is ({@link dev.snnc.ir.fx.FxNetwork#verify}, limits in
 * {@link dev.snnc.ir.fx.FxLimits}); its pipeline depth is {@link dev.snnc.ir.fx.PipelineLevels};
 * values are rounded by the one rule in {@link dev.snnc.ir.fx.Rounding}.
 */
package dev.snnc.ir.fx;
