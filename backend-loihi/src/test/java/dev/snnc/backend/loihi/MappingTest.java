package dev.snnc.backend.loihi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.fx.legalize.LegalizationPass;
import dev.snnc.backend.loihi.mapping.CoreMap;
import dev.snnc.backend.loihi.mapping.CoreMapper;
import dev.snnc.ir.diag.DiagnosticCode;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.target.TargetSpec;
import org.junit.jupiter.api.Test;

class MappingTest {
    static final FxNetwork RESIDUAL = LegalizationPass.convAndDenseOnly(SmallNets.residual(SmallNets.SUBTRACTIVE));

    @Test
    void everyCoreRespectsEveryLimitAndEveryNeuronIsPlacedOnce() {
        TargetSpec.Limits limits = new TargetSpec.Limits(20, 8, 150, 200, 3000, 0);
        CoreMap map = new CoreMapper(limits, 8).map(RESIDUAL);
        for (CoreMap.Core c : map.cores()) {
            assertTrue(c.neurons() <= 20 && c.synapseBits() <= 3000 && c.inputAxons() <= 150 && c.outputAxons() <= 200,
                    c.toString());
            assertEquals(c.synapses() * 8, c.synapseBits());
        }
        for (FxPopulation p : RESIDUAL.populations()) {
            int next = 0;
            for (CoreMap.Range r : map.ranges().get(p.name())) {
                assertEquals(next, r.start(), p.name() + " ranges are contiguous");
                next = r.end();
            }
            assertEquals(p.shape().size(), next, p.name() + " is fully placed");
        }
        // c: 4 channels x 6 x 6 = 144 neurons, at most 20 per core
        assertTrue(map.ranges().get("c").size() >= 8);
    }

    @Test
    void synapseCountsFollowTheFanIn() {
        // b is a depthwise 3x3 conv with padding 1 over 6x6: 4 corner, 16 edge and 16 inner neurons per channel
        // have 4, 6 and 9 taps: (4·4 + 16·6 + 16·9)·4 channels = 1024 synapses
        CoreMap map = new CoreMapper(new TargetSpec.Limits(0, 0, 0, 0, 0, 0), 8).map(RESIDUAL);
        long b = map.cores().stream().filter(c -> c.population().equals("b")).mapToLong(CoreMap.Core::synapses).sum();
        assertEquals(1024, b);
    }

    @Test
    void aNeuronWhoseFanInExceedsACoreIsADiagnosticWithTheNumbers() {
        // d's neurons read a 6x6 folded kernel over 4 channels: up to 144 synapses x 8 bits = 1152 bits
        TargetSpec.Limits tiny = new TargetSpec.Limits(64, 8, 0, 0, 1000, 0);
        SnncException e = assertThrows(SnncException.class, () -> new CoreMapper(tiny, 8).map(RESIDUAL));
        assertEquals(DiagnosticCode.DOES_NOT_FIT, e.diagnostics().get(0).code());
        assertTrue(e.getMessage().contains("of d needs") && e.getMessage().contains("a core has 1000 bits"), e.getMessage());
    }

    @Test
    void largeNetworksSpanSeveralChipsAndTooManyChipsIsRefused() {
        TargetSpec.Limits twoPerChip = new TargetSpec.Limits(32, 2, 0, 0, 0, 0);
        CoreMap map = new CoreMapper(twoPerChip, 8).map(RESIDUAL);
        assertTrue(map.chips() > 2, "chips " + map.chips());
        for (CoreMap.Core c : map.cores()) {
            assertEquals(c.id() / 2, c.chip());
        }
        TargetSpec.Limits oneChip = new TargetSpec.Limits(32, 2, 0, 0, 0, 1);
        SnncException e = assertThrows(SnncException.class, () -> new CoreMapper(oneChip, 8).map(RESIDUAL));
        assertTrue(e.getMessage().contains("chips"), e.getMessage());
    }
}
