/**
 * Core and chip mapping: each population is split into contiguous ranges of neurons (in Lava's
 * x, y, c order) filled greedily within a core's neuron, synapse-memory and input-axon limits;
 * cores are numbered in layer order and packed onto chips. Cost model: a synapse costs its weight
 * bits of synapse memory (Loihi stores every synapse, conv weights are not shared); an input axon
 * is one distinct source neuron; an output axon is one (source neuron, target core) pair.
 */
package dev.snnc.backend.loihi.mapping;
