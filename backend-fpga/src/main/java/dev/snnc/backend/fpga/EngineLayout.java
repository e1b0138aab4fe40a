package dev.snnc.backend.fpga;

import dev.snnc.ir.target.TargetSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where an {@link EngineProgram} lives in the engine's memories for {@code pe} lanes. Every memory a
 * lane reads per cycle is one word of {@code pe} lanes, so each is a plain one-port block RAM:
 * <ul>
 *   <li>neurons (potential, constant current, spike bit, first-layer constant): channel batch
 *       {@code b = c / pe}, row, column → word {@code base + (b·oh + y)·ow + x}, lane {@code c mod pe};
 *   <li>weights: per group, batch and tap one word, lane j the weight of output channel
 *       {@code b·pe + j} (zero past the last channel);
 *   <li>thresholds and readout biases: one word per channel batch.
 * </ul>
 * Job order is input jobs, then step jobs; each base is a word address.
 */
final class EngineLayout {
    /** Word bases of one job. */
    record JobBases(int neuronWord, int thresholdWord, int biasWord, int[] groupWeightWord) {
    }

    final int pe;
    final List<EngineProgram.Job> jobs;
    final List<JobBases> bases = new ArrayList<>();
    /** Logical neuron base of each population → its first word. */
    final Map<Integer, Integer> neuronWordOf = new HashMap<>();
    final int neuronWords;
    final int weightWords;
    final int thresholdWords;
    final int biasWords;

    EngineLayout(EngineProgram p, int pe) {
        this.pe = pe;
        jobs = new ArrayList<>(p.inputJobs());
        jobs.addAll(p.stepJobs());
        int neurons = 0;
        for (EngineProgram.Job j : p.stepJobs()) {
            if (j.kind() == EngineProgram.Kind.POPULATION) {
                neuronWordOf.put(j.neuronBase(), neurons);
                neurons += words(j, pe);
            }
        }
        int weights = 0;
        int thresholds = 0;
        int biases = 0;
        for (EngineProgram.Job j : jobs) {
            int[] gw = new int[j.groups().size()];
            for (int g = 0; g < gw.length; g++) {
                gw[g] = weights;
                weights += batches(j.oc(), pe) * j.groups().get(g).taps();
            }
            int thr = thresholds;
            int bias = biases;
            switch (j.kind()) {
                case POPULATION -> thresholds += batches(j.oc(), pe);
                case INPUT -> biases += words(j, pe);
                case READOUT -> biases += batches(j.oc(), pe);
                default -> throw new IllegalStateException(j.kind().name());
            }
            int nw = j.kind() == EngineProgram.Kind.READOUT ? 0 : neuronWordOf.get(j.neuronBase());
            bases.add(new JobBases(nw, thr, bias, gw));
        }
        neuronWords = neurons;
        weightWords = weights;
        thresholdWords = thresholds;
        biasWords = biases;
    }

    static int batches(int channels, int pe) {
        return (int) (((long) channels + pe - 1) / pe);
    }

    /** Words of a job's neurons: channel batches × rows × columns. */
    static int words(EngineProgram.Job j, int pe) {
        return batches(j.oc(), pe) * j.oh() * j.ow();
    }

    /** Logical neuron index of a word's lane, or −1 for a lane past the last channel. */
    static long neuronOf(EngineProgram.Job j, int pe, int word, int lane) {
        int perBatch = j.oh() * j.ow();
        long c = (long) (word / perBatch) * pe + lane;
        return c >= j.oc() ? -1 : c * perBatch + word % perBatch;
    }

    /** Initialisation words: the longest of the neuron memories, the readout words and the spike counters. */
    static int initWords(EngineProgram p, int pe) {
        int neurons = 0;
        int pops = 0;
        int out = 0;
        for (EngineProgram.Job j : p.stepJobs()) {
            if (j.kind() == EngineProgram.Kind.POPULATION) {
                neurons += words(j, pe);
                pops++;
            } else if (j.kind() == EngineProgram.Kind.READOUT) {
                out = batches(j.oc(), pe);
            }
        }
        return Math.max(1, Math.max(neurons, Math.max(out, pops)));
    }

    /** The memory files, each at least one word deep. */
    Map<String, byte[]> files(EngineProgram p, TargetSpec.Arithmetic a) {
        EngineProgram.Memories m = p.memories();
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("desc.mem", descriptors());
        StringBuilder w = new StringBuilder();
        StringBuilder thr = new StringBuilder();
        StringBuilder bias = new StringBuilder();
        StringBuilder v0 = new StringBuilder();
        StringBuilder cur = new StringBuilder();
        long[] lanes = new long[pe];
        for (EngineProgram.Job j : jobs) {
            for (EngineProgram.Group g : j.groups()) {
                int k = g.taps();
                for (int b = 0; b < batches(j.oc(), pe); b++) {
                    for (int t = 0; t < k; t++) {
                        for (int l = 0; l < pe; l++) {
                            int o = b * pe + l;
                            lanes[l] = o < j.oc() ? m.weights()[g.weightBase() + o * k + t] : 0;
                        }
                        Words.append(w, lanes, a.weightBits());
                    }
                }
            }
            switch (j.kind()) {
                case POPULATION -> {
                    perChannel(thr, m.thresholds(), j.thresholdBase(), j.oc(), a.thresholdBits());
                    perNeuron(v0, m.initialV(), j.neuronBase(), j, a.voltageBits());
                    perNeuron(cur, m.current(), j.neuronBase(), j, a.biasBits());
                }
                case INPUT -> perNeuron(bias, m.biases(), j.biasBase(), j, ParameterFiles.BIAS_BITS);
                case READOUT -> perChannel(bias, m.biases(), j.biasBase(), j.oc(), ParameterFiles.BIAS_BITS);
                default -> throw new IllegalStateException(j.kind().name());
            }
        }
        out.put("weights.mem", atLeastOneWord(w, a.weightBits()));
        out.put("thresh.mem", atLeastOneWord(thr, a.thresholdBits()));
        out.put("bias.mem", atLeastOneWord(bias, ParameterFiles.BIAS_BITS));
        out.put("vinit.mem", atLeastOneWord(v0, a.voltageBits()));
        out.put("current.mem", atLeastOneWord(cur, a.biasBits()));
        return out;
    }

    private void perChannel(StringBuilder s, long[] values, int base, int channels, int bits) {
        long[] lanes = new long[pe];
        for (int b = 0; b < batches(channels, pe); b++) {
            for (int l = 0; l < pe; l++) {
                int c = b * pe + l;
                lanes[l] = c < channels ? values[base + c] : 0;
            }
            Words.append(s, lanes, bits);
        }
    }

    private void perNeuron(StringBuilder s, long[] values, int base, EngineProgram.Job j, int bits) {
        long[] lanes = new long[pe];
        for (int word = 0; word < words(j, pe); word++) {
            for (int l = 0; l < pe; l++) {
                long n = neuronOf(j, pe, word, l);
                lanes[l] = n < 0 ? 0 : values[base + (int) n];
            }
            Words.append(s, lanes, bits);
        }
    }

    private byte[] atLeastOneWord(StringBuilder s, int bits) {
        if (s.isEmpty()) {
            Words.append(s, new long[pe], bits);
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Descriptor words (header, then its groups, per job), field values as in {@link Descriptor}. */
    long[][] descriptorWords() {
        List<long[]> words = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            EngineProgram.Job j = jobs.get(i);
            JobBases jb = bases.get(i);
            long[] h = new long[Descriptor.FIELDS];
            h[Descriptor.Header.KIND.ordinal()] = j.kind().ordinal();
            h[Descriptor.Header.POP.ordinal()] = Math.max(j.population(), 0);
            h[Descriptor.Header.OC.ordinal()] = j.oc();
            h[Descriptor.Header.OH.ordinal()] = j.oh();
            h[Descriptor.Header.OW.ordinal()] = j.ow();
            h[Descriptor.Header.NGROUPS.ordinal()] = j.groups().size();
            h[Descriptor.Header.THR_BASE.ordinal()] = jb.thresholdWord();
            h[Descriptor.Header.BIAS_BASE.ordinal()] = jb.biasWord();
            h[Descriptor.Header.NEURON_BASE.ordinal()] = jb.neuronWord();
            words.add(h);
            for (int gi = 0; gi < j.groups().size(); gi++) {
                EngineProgram.Group g = j.groups().get(gi);
                long[] f = new long[Descriptor.FIELDS];
                f[Descriptor.Group.MODE.ordinal()] = g.mode().ordinal();
                f[Descriptor.Group.DENSE.ordinal()] = g.dense() ? 1 : 0;
                f[Descriptor.Group.SRC_BASE.ordinal()] = g.mode() == EngineProgram.Mode.PIXELS ? 0
                        : neuronWordOf.get(g.sourceBase());
                f[Descriptor.Group.CIN.ordinal()] = g.cin();
                f[Descriptor.Group.GH.ordinal()] = g.h();
                f[Descriptor.Group.GW.ordinal()] = g.w();
                f[Descriptor.Group.CG.ordinal()] = g.cg();
                f[Descriptor.Group.KH.ordinal()] = g.kh();
                f[Descriptor.Group.KW.ordinal()] = g.kw();
                f[Descriptor.Group.SH.ordinal()] = g.strideH();
                f[Descriptor.Group.SW.ordinal()] = g.strideW();
                f[Descriptor.Group.PT.ordinal()] = g.padTop();
                f[Descriptor.Group.PL.ordinal()] = g.padLeft();
                f[Descriptor.Group.DH.ordinal()] = g.dilH();
                f[Descriptor.Group.DW.ordinal()] = g.dilW();
                f[Descriptor.Group.W_BASE.ordinal()] = jb.groupWeightWord()[gi];
                f[Descriptor.Group.EXP.ordinal()] = g.exp();
                f[Descriptor.Group.TAPS.ordinal()] = g.taps();
                f[Descriptor.Group.PLANE.ordinal()] = (long) g.h() * g.w();
                f[Descriptor.Group.SH_GW.ordinal()] = (long) g.strideH() * g.w();
                f[Descriptor.Group.PT_GW.ordinal()] = (long) g.padTop() * g.w();
                f[Descriptor.Group.DH_GW.ordinal()] = (long) g.dilH() * g.w();
                words.add(f);
            }
        }
        return words.toArray(long[][]::new);
    }

    private byte[] descriptors() {
        StringBuilder s = new StringBuilder();
        for (long[] word : descriptorWords()) {
            Words.append(s, word, 32);
        }
        return s.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Descriptor word index of the first step job. */
    int stepStart(EngineProgram p) {
        int words = 0;
        for (EngineProgram.Job j : p.inputJobs()) {
            words += 1 + j.groups().size();
        }
        return words;
    }
}
