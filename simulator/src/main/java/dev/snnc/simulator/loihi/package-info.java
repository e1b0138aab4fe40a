/** Loihi 2 bit-exact arithmetic as Lava's fixed-point process models define it. */
package dev.snnc.simulator.loihi;
