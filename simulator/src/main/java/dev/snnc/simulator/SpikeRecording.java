package dev.snnc.simulator;

import dev.snnc.formats.SpikeDump;
import dev.snnc.ir.ImageSet;
import dev.snnc.ir.Preprocessing;
import dev.snnc.ir.io.AtomicOutput;
import java.nio.file.Path;
import java.util.List;

/** Runs chosen images through the simulator and records every spike and the first neurons' u/v in a {@link SpikeDump}. */
public final class SpikeRecording {
    private SpikeRecording() {
    }

    public static byte[] toBytes(FxSimulator sim, ImageSet data, List<Integer> images, int traceNeurons) {
        SpikeDump dump = new SpikeDump(sim.network(), sim.steps());
        for (int index : images) {
            SpikeDump.ImageRecord rec = dump.image(index, data.label(index), sim.network().populations(), traceNeurons);
            rec.finish(sim.trace(data.batch(index, 1, Preprocessing.RAW_BYTES), rec::step));
        }
        return dump.toBytes();
    }

    public static void write(FxSimulator sim, ImageSet data, List<Integer> images, int traceNeurons, Path file) {
        AtomicOutput.write(file, toBytes(sim, data, images, traceNeurons));
    }
}
