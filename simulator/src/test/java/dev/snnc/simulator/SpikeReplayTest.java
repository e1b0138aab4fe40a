package dev.snnc.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.InMemoryImages;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.target.TargetProfiles;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * Replaying recorded spike trains gives exactly the rates of a run that simulates everything,
 * with and without synaptic delay; a run that would need an unrecorded population is refused.
 */
class SpikeReplayTest {
    @Property(tries = 30)
    void replayedRunMeasuresWhatAFullRunMeasures(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
                                                 @ForAll @IntRange(min = 0, max = 3) int profile) {
        FxNetwork net = RandomNetworkPropertiesTest.randomNetwork(new Random(seed), RandomNetworkPropertiesTest.profile(profile));
        InMemoryImages images = InMemoryImages.random(5, net.inputShape(), 3, seed);
        FxSimulator sim = new FxSimulator(net);
        double[][] full = sim.channelRates(images, 1);

        SpikeTrains trains = new SpikeTrains(images.size(), sim.steps());
        double[][] first = sim.channelRates(images, 0, 0, trains, 0);
        double[][] replayed = sim.channelRates(images, 1, 1, trains, -1);
        assertArrayEquals(full[0], first[0]);
        assertArrayEquals(full[1], replayed[1]);
        assertNull(replayed[0], "a replayed population is not measured");
    }

    @Test
    void aPopulationThatIsNeitherSimulatedNorRecordedIsRefused() {
        FxNetwork net = RandomNetworkPropertiesTest.randomNetwork(new Random(7), TargetProfiles.FPGA);
        InMemoryImages images = InMemoryImages.random(2, net.inputShape(), 3, 7);
        FxSimulator sim = new FxSimulator(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sim.channelRates(images, 1, 1, new SpikeTrains(images.size(), sim.steps()), -1));
        assertTrue(e.getMessage().contains("population b reads a"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sim.channelRates(images, 1, 1, null, -1));
    }
}
