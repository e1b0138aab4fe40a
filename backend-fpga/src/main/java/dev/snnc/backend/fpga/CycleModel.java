package dev.snnc.backend.fpga;

/**
 * Exact cycle count of the engine (rtl/snn_engine.v), from start to done. A job takes three
 * cycles of its own (read and latch the header, write the spike
 * counter) and, for every batch of {@code pe} output channels at one position, two cycles (issue
 * the state reads, update) plus per synapse group its taps and three more (load the descriptor,
 * drain the read pipeline, add the shifted sum). Input jobs run once per image, step jobs T times.
 * The count does not depend on the data: the engine gathers every tap (a dense schedule, simple to
 * verify; an event-driven schedule would skip silent sources).
 */
public final class CycleModel {
    private CycleModel() {
    }

    public static long job(EngineProgram.Job j, int pe) {
        long perBatch = 2;
        for (EngineProgram.Group g : j.groups()) {
            perBatch += g.taps() + 3L;
        }
        return 3 + (long) EngineLayout.words(j, pe) * perBatch;
    }

    /** Cycles for one image: input jobs once, step jobs T times. */
    public static long image(EngineProgram p, int pe) {
        long input = 0;
        for (EngineProgram.Job j : p.inputJobs()) {
            input += job(j, pe);
        }
        long step = 0;
        for (EngineProgram.Job j : p.stepJobs()) {
            step += job(j, pe);
        }
        return input + (long) p.timesteps() * step;
    }
}
