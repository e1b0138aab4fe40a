package dev.snnc.ir.backend;

import dev.snnc.ir.fx.FxNetwork;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs a backend's emitted artifacts in an external model of the hardware (an HDL simulator, a
 * vendor runtime) so the CLI can compare every image with the bit-exact simulator.
 */
public interface Cosimulation {
    /** The external tools it can use, the preferred first. */
    List<String> tools();

    /** Why {@code tool} cannot run here (with the install command), or empty when it can. */
    Optional<String> unavailable(String tool);

    /**
     * Runs {@code images} (raw pixel bytes, one array per image) through the hardware model of
     * {@code net}, which was read from {@code dir}. The artifacts are data: an implementation runs
     * its own model files (e.g. shipped RTL), in a temporary directory it owns, unless the user
     * names model files ({@code userModelFiles}) explicitly.
     *
     * @param parallelism the backend's own parallelism to simulate (e.g. PEs), or null for the artifacts' own
     */
    Run run(String tool, Path dir, FxNetwork net, List<float[]> images, Integer parallelism, List<Path> userModelFiles);

    /**
     * The parallelism to simulate when the user names none: one that finishes {@code images} images
     * in minutes with {@code tool}, with a one-line reason to print.
     */
    Choice choose(String tool, Path dir, FxNetwork net, int images);

    /** A chosen parallelism and why. */
    record Choice(int parallelism, String reason) {
    }

    /** Per image: the readout sums, spike totals per population, and the cycles the hardware model took. */
    record ImageResult(long cycles, long[] readout, long[] spikes) {
    }

    /** All images, the cycles the backend's cycle model predicts per image, and the parallelism used. */
    record Run(List<ImageResult> images, long expectedCycles, int parallelism) {
    }
}
