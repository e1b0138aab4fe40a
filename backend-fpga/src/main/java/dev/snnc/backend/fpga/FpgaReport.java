package dev.snnc.backend.fpga;

import dev.snnc.ir.target.TargetSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per layer: weight memory bits, neuron state bits (potential, spike, current where stored, channel
 * words; all at the engine's lane layout), and cycles
 * per step from the cycle model; per image: cycles at the chosen PE count and at 1, 4, 16 and 64
 * PEs for comparison; with {@code --synth}, what Yosys found and the fit on named devices.
 */
public record FpgaReport(int pe, long cyclesPerImage, List<Long> cyclesAtPe, List<Integer> peCounts, List<Layer> layers,
                         long totalWeightBits, long totalStateBits, java.util.Map<String, Long> memoryBits,
                         Synthesis.Resources synthesis, List<Synthesis.Fit> devices) {
    /** One job of the engine. */
    public record Layer(String kind, String name, long weightBits, long stateBits, long cycles) {
    }

    static final List<Integer> COMPARED = List.of(1, 4, 16, 64);

    public static FpgaReport of(EngineProgram program, TargetSpec target, int pe, int pixels, int outputs, int populations) {
        TargetSpec.Arithmetic a = target.arithmetic();
        List<Layer> layers = new ArrayList<>();
        long weights = 0;
        long state = 0;
        EngineLayout layout = new EngineLayout(program, pe);
        for (int i = 0; i < layout.jobs.size(); i++) {
            EngineProgram.Job j = layout.jobs.get(i);
            EngineLayout.JobBases jb = layout.bases.get(i);
            long w = ParameterFiles.weightBits(j, a.weightBits(), pe);
            long lanes = (long) EngineLayout.words(j, pe) * pe;
            // potential and spike per neuron lane; current where the first layer drives the population;
            // initial potential and current per neuron where they vary within a channel; channel words
            long s = j.kind() == EngineProgram.Kind.POPULATION
                    ? lanes * (a.voltageBits() + 1 + (jb.inputDriven() ? a.biasBits() : 0)
                    + (jb.perNeuronInit() ? a.voltageBits() + a.biasBits() : 0))
                    + (long) EngineLayout.batches(j.oc(), pe) * pe * (a.thresholdBits() + a.voltageBits() + a.biasBits())
                    : 0;
            layers.add(new Layer(j.kind().name().toLowerCase(Locale.ROOT), j.name(), w, s, CycleModel.job(j, pe)));
            weights += w;
            state += s;
        }
        List<Long> cycles = new ArrayList<>();
        for (int p : COMPARED) {
            cycles.add(CycleModel.image(program, p));
        }
        java.util.Map<String, Long> memories = new java.util.LinkedHashMap<>();
        layout.memoryShapes(a, pixels, outputs, populations).entrySet().stream()
                .sorted((x, y) -> Long.compare((long) y.getValue()[0] * y.getValue()[1], (long) x.getValue()[0] * x.getValue()[1]))
                .forEach(e -> memories.put(e.getKey(), (long) e.getValue()[0] * e.getValue()[1]));
        return new FpgaReport(pe, CycleModel.image(program, pe), cycles, COMPARED, layers, weights, state, memories, null,
                List.of());
    }

    /** This report with what Yosys found (and, for 7-series, the fit on each named device). */
    public FpgaReport withSynthesis(Synthesis.Resources r) {
        return new FpgaReport(pe, cyclesPerImage, cyclesAtPe, peCounts, layers, totalWeightBits, totalStateBits, memoryBits, r,
                r.flow().equals(Synthesis.Flow.XC7.id()) ? Synthesis.fits(r) : List.of());
    }

    public void print(PrintWriter out) {
        out.printf(Locale.ROOT, "fpga engine, %d PE: %,d cycles per image (%.2f ms at 100 MHz)%n", pe, cyclesPerImage,
                cyclesPerImage / 1e5);
        out.printf(Locale.ROOT, "%-10s %-12s %14s %14s %14s%n", "job", "layer", "weight bits", "state bits", "cycles");
        for (Layer l : layers) {
            out.printf(Locale.ROOT, "%-10s %-12s %,14d %,14d %,14d%n", l.kind(), l.name(), l.weightBits(), l.stateBits(),
                    l.cycles());
        }
        out.printf(Locale.ROOT, "total: %,d weight bits, %,d neuron state bits%n", totalWeightBits, totalStateBits);
        StringBuilder s = new StringBuilder("cycles per image by PE count:");
        for (int i = 0; i < peCounts.size(); i++) {
            s.append(String.format(Locale.ROOT, " %d PE %,d;", peCounts.get(i), cyclesAtPe.get(i)));
        }
        out.println(s);
        StringBuilder m = new StringBuilder("engine memories, largest first (bits):");
        memoryBits.forEach((name, bits) -> m.append(String.format(Locale.ROOT, " %s %,d;", name, bits)));
        out.println(m);
        if (synthesis != null) {
            out.print(Synthesis.describe(synthesis));
        }
    }
}
