/** Bit-exact integer SNN simulator with target profiles (filled by the simulator issue). */
package dev.snnc.simulator;
