package dev.snnc.backend.fpga;

import dev.snnc.ir.Origin;
import dev.snnc.ir.Shape;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxInput;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Window2d;
import dev.snnc.ir.target.TargetSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Lays a legalized fixed-point network for the {@code fpga} target out as an {@link EngineProgram}. */
public final class EngineProgramBuilder {
    private final List<Integer> weights = new ArrayList<>();
    private final List<Long> thresholds = new ArrayList<>();
    private final List<Long> biases = new ArrayList<>();
    private final Map<String, Integer> neuronBase = new HashMap<>();
    private final Map<String, Shape> shapes = new HashMap<>();
    private int neurons;

    private EngineProgramBuilder() {
    }

    public static EngineProgram build(FxNetwork net) {
        TargetSpec.Arithmetic a = net.target().arithmetic();
        if (a.synapticDelay() != 0 || a.reset() != TargetSpec.Reset.SUBTRACT) {
            throw new IllegalStateException("the FPGA engine runs no synaptic delay and subtractive reset; FpgaLegality "
                    + "should have reported " + net.target().id());
        }
        EngineProgramBuilder b = new EngineProgramBuilder();
        b.shapes.put(FxInput.SOURCE, chw(net.inputShape()));
        return b.program(net);
    }

    /** A shape as channels × height × width (a flat {@code [N]} is {@code [N,1,1]}), as the engine lays neurons out. */
    static Shape chw(Shape s) {
        return s.rank() == 3 ? s : Shape.of((int) s.size(), 1, 1);
    }

    private EngineProgram program(FxNetwork net) {
        long[] initialV = new long[0];
        long[] current = new long[0];
        for (FxPopulation p : net.populations()) {
            neuronBase.put(p.name(), neurons);
            shapes.put(p.name(), chw(p.shape()));
            neurons += (int) p.shape().size();
        }
        initialV = new long[neurons];
        current = new long[neurons];
        List<EngineProgram.Job> step = new ArrayList<>();
        for (int i = 0; i < net.populations().size(); i++) {
            FxPopulation p = net.populations().get(i);
            int base = neuronBase.get(p.name());
            long[] v0 = p.initialV();
            long[] b = p.bias();
            for (int k = 0; k < v0.length; k++) {
                initialV[base + k] = v0[k];
                current[base + k] = net.target().arithmetic().representableBias(b[k]);
            }
            int thrBase = thresholds.size();
            for (long t : p.threshold()) {
                thresholds.add(t);
            }
            step.add(job(EngineProgram.Kind.POPULATION, p.name(), i, p.shape(), thrBase, 0, base, p.inputs()));
        }
        int readoutBias = addBiases(net.readout().bias());
        step.add(job(EngineProgram.Kind.READOUT, "readout", -1, net.readout().shape(), 0, readoutBias, 0,
                net.readout().inputs()));
        List<EngineProgram.Job> inputs = new ArrayList<>();
        for (FxInput in : net.inputs()) {
            FxPopulation p = net.population(in.population());
            long[] constant = p.bias();
            long[] ib = in.bias();
            for (int k = 0; k < constant.length; k++) {
                constant[k] += ib[k];
            }
            inputs.add(job(EngineProgram.Kind.INPUT, in.population(), net.populations().indexOf(p), p.shape(), 0,
                    addBiases(constant), neuronBase.get(p.name()), List.of(in.synapses())));
        }
        return new EngineProgram(inputs, step, net.timesteps(), new EngineProgram.Memories(
                weights.stream().mapToInt(Integer::intValue).toArray(),
                thresholds.stream().mapToLong(Long::longValue).toArray(), biases.stream().mapToLong(Long::longValue).toArray(),
                initialV, current, neurons));
    }

    private int addBiases(long[] values) {
        int base = biases.size();
        for (long v : values) {
            biases.add(v);
        }
        return base;
    }

    private EngineProgram.Job job(EngineProgram.Kind kind, String name, int population, Shape shape, int thrBase, int biasBase,
                                  int base, List<FxSynapses> groups) {
        int oc = shape.dim(0);
        int oh = shape.rank() == 3 ? shape.dim(1) : 1;
        int ow = shape.rank() == 3 ? shape.dim(2) : 1;
        List<EngineProgram.Group> gs = new ArrayList<>();
        for (FxSynapses g : groups) {
            gs.add(group(g, name, oc));
        }
        return new EngineProgram.Job(kind, name, population, oc, oh, ow, thrBase, biasBase, base, gs);
    }

    /**
     * One group as an engine convolution. A dense layer becomes the convolution whose kernel covers
     * its whole source (same weight order: channel, row, column). Depthwise convolutions keep one
     * input channel per output; other grouped convolutions are widened to one group with zero
     * weights outside each group's block, since the engine's lanes either share a source channel or
     * read their own.
     */
    private EngineProgram.Group group(FxSynapses g, String target, int oc) {
        if (g.pool() != null || g.globalPool() || g.kind() == FxSynapses.Kind.IDENTITY) {
            throw new IllegalArgumentException("legalize before building the engine program: " + g);
        }
        boolean pixels = g.source().equals(FxInput.SOURCE);
        int sourceBase = pixels ? 0 : neuronBase.get(g.source());
        Shape src = shapes.get(g.source());
        EngineProgram.Mode shared = pixels ? EngineProgram.Mode.PIXELS : EngineProgram.Mode.BROADCAST;
        int weightBase = weights.size();
        if (g.kind() == FxSynapses.Kind.DENSE) {
            if (src.size() != g.weightShape()[1]) {
                throw new IllegalStateException("synapses " + g.source() + " -> " + target + ": " + g.weightShape()[1]
                        + " inputs per output, source has " + src.size() + " neurons");
            }
            addAll(g.weights());
            return new EngineProgram.Group(g.source(), sourceBase, src.dim(0), src.dim(1), src.dim(2), src.dim(0),
                    src.dim(1), src.dim(2), 1, 1, 0, 0, 1, 1, weightBase, g.weightExp(), shared, true);
        }
        Window2d w = g.window();
        if (w.ceilMode()) {
            throw new IllegalStateException("synapses " + g.source() + " -> " + target + ": ceil-mode window reached the "
                    + "engine program; FpgaLegality should have reported it");
        }
        int[] ws = g.weightShape();
        int cin = src.dim(0);
        boolean depthwise = !pixels && g.groups() == cin && ws[0] == cin && ws[1] == 1;
        int cg = ws[1];
        if (g.groups() == 1 || depthwise) {
            addAll(g.weights());
        } else {
            addWidened(g.weights(), ws, g.groups(), cin);
            cg = cin;
        }
        return new EngineProgram.Group(g.source(), sourceBase, cin, src.dim(1), src.dim(2), cg, ws[2], ws[3],
                w.strideH(), w.strideW(), w.padding().top(), w.padding().left(), w.dilationH(), w.dilationW(), weightBase,
                g.weightExp(), depthwise ? EngineProgram.Mode.DEPTHWISE : shared, false);
    }

    private void addAll(int[] w) {
        for (int v : w) {
            weights.add(v);
        }
    }

    /** Grouped weights {@code [oc, cin/groups, kh, kw]} as {@code [oc, cin, kh, kw]}, zero outside each output's group. */
    private void addWidened(int[] w, int[] ws, int groups, int cin) {
        int perGroupOut = ws[0] / groups;
        int cg = ws[1];
        int area = ws[2] * ws[3];
        for (int o = 0; o < ws[0]; o++) {
            int first = (o / perGroupOut) * cg;
            for (int c = 0; c < cin; c++) {
                for (int t = 0; t < area; t++) {
                    boolean inGroup = c >= first && c < first + cg;
                    weights.add(inGroup ? w[(o * cg + (c - first)) * area + t] : 0);
                }
            }
        }
    }
}
