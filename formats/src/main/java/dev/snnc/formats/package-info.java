/**
 * The files snnc writes and reads between stages: calibrated SNNs ({@code .snn}), fixed-point
 * networks ({@code .fx}) and spike dumps. Every reader validates what it reads and reports a
 * malformed file as an {@code SNNC-E} diagnostic naming the file; every writer gives the same bytes
 * for the same network. Backends and the simulator both depend on this module, never on each other.
 */
package dev.snnc.formats;
