package dev.snnc.backend.fpga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine synthesizes with Yosys: no latches, no combinational loops or undriven nets (Yosys's
 * {@code check -assert} fails the run otherwise), memories kept as memories (block or distributed
 * RAM on 7-series, memory macros in the generic flow, never flip-flops), the lanes' products in DSP
 * blocks; and it places and routes on an iCE40 for a timing estimate. Fails with the install
 * command when Yosys or nextpnr is missing.
 */
class SynthesisTest {
    private static void requireYosys() {
        assertNull(Synthesis.unavailable().orElse(null), "synthesis needs yosys: apt-get install yosys");
    }

    @Test
    void xilinx7KeepsMemoriesInRamAndProductsInDsp() {
        requireYosys();
        FpgaCompiler.Result r = FpgaCompiler.compile(FpgaNets.separable(), 2);
        Synthesis.Resources res = Synthesis.run(Synthesis.Flow.XC7, r.files(), 20);
        assertEquals(0, res.latches(), res.cells().toString());
        long ramCells = res.cells().entrySet().stream().filter(e -> e.getKey().startsWith("RAM"))
                .mapToLong(Map.Entry::getValue).sum();
        assertTrue(ramCells > 0, "memories map to RAM primitives: " + res.cells());
        long memoryBits = new EngineLayout(r.program(), 2).memoryShapes(r.legalized().target().arithmetic(), 36, 3, 4).values()
                .stream().mapToLong(s -> (long) s[0] * s[1]).sum();
        assertTrue(res.flipFlops() < memoryBits, res.flipFlops() + " flip-flops for " + memoryBits + " memory bits");
        assertTrue(res.dsp() >= 2, "one pixel-by-weight product per lane in a DSP48E1: " + res.cells());
        assertTrue(res.luts() > 0);
    }

    @Test
    void genericFlowKeepsEveryEngineMemoryAsAMemory() {
        requireYosys();
        FpgaCompiler.Result r = FpgaCompiler.compile(FpgaNets.smallConv(), 2);
        Synthesis.Resources res = Synthesis.run(Synthesis.Flow.GENERIC, r.files(), 20);
        assertEquals(0, res.latches(), res.cells().toString());
        int memories = new EngineLayout(r.program(), 2).memoryShapes(r.legalized().target().arithmetic(), 128, 5, 2).size();
        assertEquals(memories, res.memoryMacros(), res.cells().toString());
        assertTrue(res.flipFlops() > 0 && res.flipFlops() < 5_000, "control and lane registers only: " + res.flipFlops());
    }

    @Test
    void smallEnginePlacesAndRoutesOnAnIce40ForATimingEstimate() {
        requireYosys();
        assertNull(Synthesis.placerUnavailable().orElse(null), "timing needs nextpnr-ice40: apt-get install nextpnr-ice40");
        FpgaCompiler.Result r = FpgaCompiler.compile(FpgaNets.separable(), 1);
        Synthesis.Resources res = Synthesis.run(Synthesis.Flow.ICE40, r.files(), 20);
        assertEquals(0, res.latches());
        Synthesis.Timing t = res.timing();
        assertTrue(t.logicCells() > 0 && t.logicCells() <= t.logicCellCapacity(), t.toString());
        assertTrue(t.maxMhz() > 1 && t.maxMhz() < 500, t.toString());
        assertTrue(Synthesis.describe(res).contains("estimate"), Synthesis.describe(res));
        System.out.print("SynthesisTest, separable net at 1 PE: " + Synthesis.describe(res));
    }

    @Test
    void statisticsAreCountedPerResource() throws Exception {
        String stat = """
                {"design": {"num_cells_by_type": {"LUT3": 10, "LUT6": 5, "RAM32M": 2, "FDRE": 7, "FDSE": 1,
                 "RAMB36E1": 3, "RAMB18E1": 3, "DSP48E1": 4, "CARRY4": 9, "LDCE": 1}}}""";
        Synthesis.Resources r = Synthesis.resources(Synthesis.Flow.XC7, new ObjectMapper().readTree(stat), 1.0, null);
        assertEquals(15 + 8, r.luts());
        assertEquals(8, r.lutsAsMemory());
        assertEquals(8, r.flipFlops());
        assertEquals(4.5, r.bram36());
        assertEquals(4, r.dsp());
        assertEquals(1, r.latches());
        Synthesis.Fit smallest = Synthesis.fits(r).get(0);
        assertTrue(smallest.fits());
        Synthesis.Resources big = new Synthesis.Resources("xc7", 70_000, 0, 10, 300, 10, 0, 0, Map.of(), 1, null);
        assertFalse(Synthesis.fits(big).stream().filter(f -> f.device().contains("100T")).findFirst().orElseThrow().fits());
    }
}
