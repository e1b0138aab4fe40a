package dev.snnc.backend.fpga;

import dev.snnc.ir.target.TargetSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where an {@link EngineProgram} lives in the engine's memories for {@code pe} lanes. Every memory a
 * lane reads per cycle holds one word of {@code pe} lanes per address, so each is a plain block RAM
 * with one read and one write port:
 * <ul>
 *   <li>per neuron (potential, spike bit; constant current of populations the first layer drives;
 *       first-layer constant): channel batch {@code b = c / pe}, row, column → word
 *       {@code base + (b·oh + y)·ow + x}, lane {@code c mod pe};
 *   <li>weights: per group, batch and tap one word, lane j the weight of output channel
 *       {@code b·pe + j} (zero past the last channel);
 *   <li>per channel batch: threshold, initial potential and constant current of each lane
 *       ({@code channel.mem}); readout biases.
 * </ul>
 * A population whose initial potential or constant current differs within a channel keeps both per
 * neuron in {@code neuron_init.mem} instead (potential calibration can give that); the engine then
 * reads them there. No memory is copied per image: the first step takes its starting potential
 * from these tables. Job order is input jobs, then step jobs; each base is a word address.
 */
final class EngineLayout {
    /** Word bases and state sources of one job. */
    record JobBases(int neuronWord, int channelWord, int biasWord, int initWord, boolean perNeuronInit, int currentWord,
                    boolean inputDriven, int[] groupWeightWord) {
    }

    final int pe;
    final List<EngineProgram.Job> jobs;
    final List<JobBases> bases = new ArrayList<>();
    /** Logical neuron base of each population → its first word. */
    final Map<Integer, Integer> neuronWordOf = new HashMap<>();
    final int neuronWords;
    final int weightWords;
    final int channelWords;
    final int biasWords;
    final int initWords;
    final int currentWords;

    EngineLayout(EngineProgram p, int pe) {
        this.pe = pe;
        jobs = new ArrayList<>(p.inputJobs());
        jobs.addAll(p.stepJobs());
        Set<Integer> driven = new HashSet<>();
        p.inputJobs().forEach(j -> driven.add(j.neuronBase()));
        Map<Integer, Integer> currentWordOf = new HashMap<>();
        int neurons = 0;
        int currents = 0;
        for (EngineProgram.Job j : p.stepJobs()) {
            if (j.kind() == EngineProgram.Kind.POPULATION) {
                neuronWordOf.put(j.neuronBase(), neurons);
                neurons += words(j, pe);
                if (driven.contains(j.neuronBase())) {
                    currentWordOf.put(j.neuronBase(), currents);
                    currents += words(j, pe);
                }
            }
        }
        int weights = 0;
        int channels = 0;
        int biases = 0;
        int inits = 0;
        for (EngineProgram.Job j : jobs) {
            int[] gw = new int[j.groups().size()];
            for (int g = 0; g < gw.length; g++) {
                gw[g] = weights;
                weights += batches(j.oc(), pe) * j.groups().get(g).taps();
            }
            int chan = channels;
            int bias = biases;
            int init = inits;
            boolean perNeuron = false;
            switch (j.kind()) {
                case POPULATION -> {
                    channels += batches(j.oc(), pe);
                    perNeuron = !uniformPerChannel(j, p.memories().initialV())
                            || !driven.contains(j.neuronBase()) && !uniformPerChannel(j, p.memories().current());
                    inits += perNeuron ? words(j, pe) : 0;
                }
                case INPUT -> biases += words(j, pe);
                case READOUT -> biases += batches(j.oc(), pe);
                default -> throw new IllegalStateException(j.kind().name());
            }
            boolean population = j.kind() != EngineProgram.Kind.READOUT;
            bases.add(new JobBases(population ? neuronWordOf.get(j.neuronBase()) : 0, chan, bias, init, perNeuron,
                    population ? currentWordOf.getOrDefault(j.neuronBase(), 0) : 0,
                    population && driven.contains(j.neuronBase()), gw));
        }
        neuronWords = neurons;
        weightWords = weights;
        channelWords = channels;
        biasWords = biases;
        initWords = inits;
        currentWords = currents;
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

    private static boolean uniformPerChannel(EngineProgram.Job j, long[] values) {
        int plane = j.oh() * j.ow();
        for (int c = 0; c < j.oc(); c++) {
            int first = j.neuronBase() + c * plane;
            for (int k = 1; k < plane; k++) {
                if (values[first + k] != values[first]) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Per-lane field widths of channel.mem: thresholds, then initial potentials, then constant currents. */
    static int[] channelWidths(int pe, TargetSpec.Arithmetic a) {
        return Words.widths(pe, a.thresholdBits(), a.voltageBits(), a.biasBits());
    }

    /** Per-lane field widths of neuron_init.mem: initial potentials, then constant currents. */
    static int[] initWidths(int pe, TargetSpec.Arithmetic a) {
        return Words.widths(pe, a.voltageBits(), a.biasBits());
    }

    /** Every engine memory's depth in words and width in bits (in the RTL's order), for the manifest and the report. */
    Map<String, int[]> memoryShapes(TargetSpec.Arithmetic a, int pixels, int outputs, int populations) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put("desc", new int[] {descriptorWords().length, Descriptor.BITS});
        m.put("weights", new int[] {Math.max(1, weightWords), pe * a.weightBits()});
        m.put("channel", new int[] {Math.max(1, channelWords), pe * (a.thresholdBits() + a.voltageBits() + a.biasBits())});
        m.put("bias", new int[] {Math.max(1, biasWords), pe * ParameterFiles.BIAS_BITS});
        m.put("neuron_init", new int[] {Math.max(1, initWords), pe * (a.voltageBits() + a.biasBits())});
        m.put("potential", new int[] {Math.max(1, neuronWords), pe * a.voltageBits()});
        m.put("spike", new int[] {Math.max(1, neuronWords), pe});
        m.put("current", new int[] {Math.max(1, currentWords), pe * a.biasBits()});
        m.put("pixel", new int[] {pixels, 8});
        m.put("readout", new int[] {batches(outputs, pe), pe * ParameterFiles.ACC_BITS});
        m.put("spike_count", new int[] {Math.max(1, populations), 32});
        return m;
    }

    /** The memory files, each at least one word deep. */
    Map<String, byte[]> files(EngineProgram p, TargetSpec.Arithmetic a) {
        EngineProgram.Memories m = p.memories();
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("desc.mem", descriptors());
        StringBuilder w = new StringBuilder();
        StringBuilder chan = new StringBuilder();
        StringBuilder bias = new StringBuilder();
        StringBuilder init = new StringBuilder();
        int[] weightWidths = Words.widths(pe, a.weightBits());
        int[] biasWidths = Words.widths(pe, ParameterFiles.BIAS_BITS);
        long[] lanes = new long[pe];
        for (int i = 0; i < jobs.size(); i++) {
            EngineProgram.Job j = jobs.get(i);
            for (EngineProgram.Group g : j.groups()) {
                int k = g.taps();
                for (int b = 0; b < batches(j.oc(), pe); b++) {
                    for (int t = 0; t < k; t++) {
                        for (int l = 0; l < pe; l++) {
                            int o = b * pe + l;
                            lanes[l] = o < j.oc() ? m.weights()[g.weightBase() + o * k + t] : 0;
                        }
                        Words.append(w, lanes, weightWidths);
                    }
                }
            }
            switch (j.kind()) {
                case POPULATION -> population(chan, init, j, bases.get(i), m, a);
                case INPUT -> perNeuron(bias, biasWidths, j, m.biases(), j.biasBase());
                case READOUT -> {
                    for (int b = 0; b < batches(j.oc(), pe); b++) {
                        for (int l = 0; l < pe; l++) {
                            int c = b * pe + l;
                            lanes[l] = c < j.oc() ? m.biases()[j.biasBase() + c] : 0;
                        }
                        Words.append(bias, lanes, biasWidths);
                    }
                }
                default -> throw new IllegalStateException(j.kind().name());
            }
        }
        out.put("weights.mem", atLeastOneWord(w, weightWidths));
        out.put("channel.mem", atLeastOneWord(chan, channelWidths(pe, a)));
        out.put("bias.mem", atLeastOneWord(bias, biasWidths));
        out.put("neuron_init.mem", atLeastOneWord(init, initWidths(pe, a)));
        return out;
    }

    /** A population's channel words (threshold, and initial potential and current unless kept per neuron). */
    private void population(StringBuilder chan, StringBuilder init, EngineProgram.Job j, JobBases jb,
                            EngineProgram.Memories m, TargetSpec.Arithmetic a) {
        int plane = j.oh() * j.ow();
        long[] fields = new long[3 * pe];
        for (int b = 0; b < batches(j.oc(), pe); b++) {
            java.util.Arrays.fill(fields, 0);
            for (int l = 0; l < pe; l++) {
                int c = b * pe + l;
                if (c < j.oc()) {
                    fields[l] = m.thresholds()[j.thresholdBase() + c];
                    int first = j.neuronBase() + c * plane;
                    if (!jb.perNeuronInit()) {
                        fields[pe + l] = m.initialV()[first];
                        fields[2 * pe + l] = jb.inputDriven() ? 0 : m.current()[first];
                    }
                }
            }
            Words.append(chan, fields, channelWidths(pe, a));
        }
        if (jb.perNeuronInit()) {
            long[] both = new long[2 * pe];
            for (int word = 0; word < words(j, pe); word++) {
                java.util.Arrays.fill(both, 0);
                for (int l = 0; l < pe; l++) {
                    long n = neuronOf(j, pe, word, l);
                    if (n >= 0) {
                        both[l] = m.initialV()[j.neuronBase() + (int) n];
                        both[pe + l] = jb.inputDriven() ? 0 : m.current()[j.neuronBase() + (int) n];
                    }
                }
                Words.append(init, both, initWidths(pe, a));
            }
        }
    }

    private void perNeuron(StringBuilder s, int[] widths, EngineProgram.Job j, long[] values, int base) {
        long[] lanes = new long[pe];
        for (int word = 0; word < words(j, pe); word++) {
            for (int l = 0; l < pe; l++) {
                long n = neuronOf(j, pe, word, l);
                lanes[l] = n < 0 ? 0 : values[base + (int) n];
            }
            Words.append(s, lanes, widths);
        }
    }

    private static byte[] atLeastOneWord(StringBuilder s, int[] widths) {
        if (s.isEmpty()) {
            Words.append(s, new long[widths.length], widths);
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
            h[Descriptor.Header.CHAN_BASE.ordinal()] = jb.channelWord();
            h[Descriptor.Header.BIAS_BASE.ordinal()] = jb.biasWord();
            h[Descriptor.Header.NEURON_BASE.ordinal()] = jb.neuronWord();
            h[Descriptor.Header.INIT_BASE.ordinal()] = jb.initWord();
            h[Descriptor.Header.PER_NEURON_INIT.ordinal()] = jb.perNeuronInit() ? 1 : 0;
            h[Descriptor.Header.CUR_BASE.ordinal()] = jb.currentWord();
            h[Descriptor.Header.INPUT_DRIVEN.ordinal()] = jb.inputDriven() ? 1 : 0;
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
        int[] widths = Words.widths(Descriptor.FIELDS, 32);
        for (long[] word : descriptorWords()) {
            Words.append(s, word, widths);
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
