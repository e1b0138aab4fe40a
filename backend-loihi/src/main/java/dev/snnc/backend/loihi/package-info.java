/** Loihi/Lava legalization, core mapping and netlist emission (filled by the backend-loihi issue). */
package dev.snnc.backend.loihi;
