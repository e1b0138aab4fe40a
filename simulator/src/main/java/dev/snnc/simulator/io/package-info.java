/** The fixed-point model file ({@code .fx}): a versioned JSON form of {@link dev.snnc.ir.fx.FxNetwork}. */
package dev.snnc.simulator.io;
