package dev.snnc.backend.netx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.snnc.ir.backend.BackendDriver;
import dev.snnc.ir.backend.BackendOptions;
import dev.snnc.ir.diag.SnncException;
import dev.snnc.ir.fx.FxNetwork;
import dev.snnc.ir.fx.FxPopulation;
import dev.snnc.ir.fx.FxSynapses;
import dev.snnc.ir.op.Padding;
import dev.snnc.ir.op.Window2d;
import io.jhdf.HdfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The netx file's layout, its determinism, and a diagnostic for each thing netx cannot express. */
class NetxBackendTest {
    private static BackendDriver.Result compile(FxNetwork net) {
        return BackendDriver.compile(new NetxBackend(), net, BackendOptions.none());
    }

    @Test
    void blocksAreTheChainWithFlattenBeforeDense(@TempDir Path dir) throws Exception {
        BackendDriver.Result r = compile(ChainNets.conv());
        Path file = dir.resolve(NetxBackend.NETWORK_FILE);
        Files.write(file, r.emission().files().get(NetxBackend.NETWORK_FILE));
        try (HdfFile h = new HdfFile(file)) {
            List<String> types = new ArrayList<>();
            for (int i = 0; ((io.jhdf.api.Group) h.getByPath("layer")).getChildren().containsKey(Integer.toString(i)); i++) {
                types.add((String) h.getDatasetByPath("layer/" + i + "/type").getData());
            }
            assertEquals(List.of("input", "conv", "conv", "conv", "flatten", "dense", "dense"), types);
            assertArrayEquals(new long[] {6, 4, 4}, (long[]) h.getDatasetByPath("layer/2/shape").getData());
            assertEquals(2L, h.getDatasetByPath("layer/3/groups").getData());
            assertArrayEquals(new long[] {2, 2}, (long[]) h.getDatasetByPath("layer/3/dilation").getData());
            assertEquals(90L, h.getDatasetByPath("layer/2/neuron/vThMant").getData());
            // per-neuron biases of b in Lava's (x, y, c) order; per-channel biases elsewhere
            assertEquals(3, h.getDatasetByPath("layer/1/bias").getDimensions().length);
            assertEquals(1, h.getDatasetByPath("layer/2/bias").getDimensions().length);
            String[] blocks = (String[]) h.getAttribute("snnc_blocks").getData();
            assertArrayEquals(new String[] {"a", "b", "c", "d", "e"}, blocks);
        }
    }

    @Test
    void theSameNetworkGivesTheSameBytes() {
        byte[] first = compile(ChainNets.conv()).emission().files().get(NetxBackend.NETWORK_FILE);
        byte[] second = compile(ChainNets.conv()).emission().files().get(NetxBackend.NETWORK_FILE);
        assertArrayEquals(first, second);
    }

    @Test
    void aResidualSumIsNamedWithTheFix() {
        FxNetwork net = ChainNets.conv();
        FxPopulation c = net.population("c");
        FxPopulation b = net.population("b");
        FxSynapses skip = new FxSynapses("a", b.shape(), Window2d.of(2, 2, 0), false, FxSynapses.Kind.CONV,
                new int[6 * 4], new int[] {6, 4, 1, 1}, Window2d.of(1, 1, 0), 1, 0);
        List<FxSynapses> inputs = new ArrayList<>(c.inputs());
        inputs.add(skip);
        String message = refused(replace(net, c.withInputs(inputs)));
        assertTrue(message.contains("population c") && message.contains("residual") && message.contains("--target loihi2"),
                message);
    }

    @Test
    void perChannelThresholdsAreRefusedByTheVerifierForThisTarget() {
        FxNetwork net = ChainNets.conv();
        FxPopulation c = net.population("c");
        long[] th = c.threshold();
        th[1] = th[0] + 1;
        String message = refused(replace(net, new FxPopulation(c.name(), c.shape(), c.inputs(), th, c.bias(), c.initialV(),
                c.origin())));
        assertTrue(message.contains("'c'") && message.contains("target 'netx' has one threshold per population"), message);
    }

    @Test
    void initialPotentialsAndOffGridBiasesAreEachReportedWithTheFix() {
        FxNetwork net = ChainNets.conv();
        long[] v0 = new long[(int) net.population("d").shape().size()];
        v0[3] = 20;
        FxPopulation potential = net.population("d").withInitialV(v0);
        long[] bias = net.population("e").bias();
        bias[0] += 1;
        FxPopulation offGrid = net.population("e").withBias(bias);
        String message = refused(replace(replace(net, potential), offGrid));
        assertTrue(message.contains("population d neuron 3 starts at potential 20") && message.contains("--method light"),
                message);
        assertTrue(message.contains("population e neuron 0") && message.contains("bias_mant << 6"), message);
    }

    @Test
    void asymmetricPaddingIsReported() {
        FxNetwork net = ChainNets.conv();
        FxPopulation b = net.population("b");
        FxSynapses g = b.inputs().get(0);
        Window2d lopsided = new Window2d(3, 3, 1, 1, 1, 1, new Padding(1, 1, 1, 1), false);
        Window2d asym = new Window2d(3, 3, 1, 1, 1, 1, new Padding(0, 0, 2, 2), false);
        assertEquals(lopsided.outputHeight(8), asym.outputHeight(8));
        FxSynapses shifted = new FxSynapses(g.source(), g.sourceShape(), null, false, g.kind(), g.weights(), g.weightShape(),
                asym, g.groups(), 0);
        String message = refused(replace(net, b.withInputs(List.of(shifted))));
        assertTrue(message.contains("pads symmetrically"), message);
    }

    private static FxNetwork replace(FxNetwork net, FxPopulation p) {
        List<FxPopulation> pops = net.populations().stream().map(q -> q.name().equals(p.name()) ? p : q).toList();
        return net.withPopulations(pops);
    }

    private static String refused(FxNetwork net) {
        SnncException e = assertThrows(SnncException.class, () -> compile(net));
        return e.getMessage();
    }
}
