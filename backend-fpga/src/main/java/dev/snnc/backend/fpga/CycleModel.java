package dev.snnc.backend.fpga;

/**
 * Exact cycle count of the reference engine (backend-fpga/rtl/snn_engine.v): a job takes one cycle
 * to load its descriptor, then for every batch of {@code pe} output channels at one position,
 * per synapse group one cycle to load it, one per tap and one to add the shifted sum, then one
 * update cycle. Input jobs run once per image, the step jobs T times. The count does not depend
 * on the data: the engine gathers every tap (a dense schedule, simple to verify; an event-driven
 * schedule would skip silent sources).
 */
public final class CycleModel {
    private CycleModel() {
    }

    public static long job(EngineProgram.Job j, int pe) {
        long perBatch = 1;
        for (EngineProgram.Group g : j.groups()) {
            perBatch += g.taps() + 2L;
        }
        long batches = (long) j.oh() * j.ow() * ((j.oc() + pe - 1) / pe);
        return 1 + batches * perBatch;
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
