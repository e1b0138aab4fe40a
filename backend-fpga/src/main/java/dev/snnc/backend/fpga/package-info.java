/** FPGA parameter files and reference RTL (filled by the backend-fpga issue). */
package dev.snnc.backend.fpga;
