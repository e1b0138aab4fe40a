package dev.snnc.backend.fpga;

import dev.snnc.ir.target.TargetSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Per layer: weight memory bits, neuron state bits (voltage, constant current, spike), and cycles
 * per step from the cycle model; per image: cycles at the chosen PE count and at 1, 4, 16 and 64
 * PEs for comparison.
 */
public record FpgaReport(int pe, long cyclesPerImage, List<Long> cyclesAtPe, List<Integer> peCounts, List<Layer> layers,
                         long totalWeightBits, long totalStateBits) {
    /** One job of the engine. */
    public record Layer(String kind, String name, long weightBits, long stateBits, long cycles) {
    }

    static final List<Integer> COMPARED = List.of(1, 4, 16, 64);

    public static FpgaReport of(EngineProgram program, TargetSpec target, int pe) {
        TargetSpec.Arithmetic a = target.arithmetic();
        List<Layer> layers = new ArrayList<>();
        long weights = 0;
        long state = 0;
        List<EngineProgram.Job> jobs = new ArrayList<>(program.inputJobs());
        jobs.addAll(program.stepJobs());
        for (EngineProgram.Job j : jobs) {
            long w = ParameterFiles.weightBits(j, a.weightBits(), pe);
            long lanes = (long) EngineLayout.words(j, pe) * pe;
            long s = j.kind() == EngineProgram.Kind.POPULATION
                    ? lanes * (a.voltageBits() + a.biasBits() + 1) + (long) EngineLayout.batches(j.oc(), pe) * pe
                    * a.thresholdBits() : 0;
            layers.add(new Layer(j.kind().name().toLowerCase(Locale.ROOT), j.name(), w, s, CycleModel.job(j, pe)));
            weights += w;
            state += s;
        }
        List<Long> cycles = new ArrayList<>();
        for (int p : COMPARED) {
            cycles.add(CycleModel.image(program, p));
        }
        return new FpgaReport(pe, CycleModel.image(program, pe), cycles, COMPARED, layers, weights, state);
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
    }
}
