/**
 * NIR (the Neuromorphic Intermediate Representation, HDF5 files read by about ten frameworks) for
 * calibrated SNNs: {@link dev.snnc.nir.NirWriter} writes the float SNN of a {@code .snn} file as a
 * NIR graph, {@link dev.snnc.nir.NirReader} reads such a graph back into snnc's float IR. What NIR
 * cannot say (initial potentials, reset by subtraction, '>=') travels in each node's metadata.
 */
package dev.snnc.nir;
