package dev.snnc.calibration.djl;

import ai.djl.engine.Engine;

/**
 * One place that configures and starts DJL's PyTorch engine. Offline mode is forced (natives come
 * from the pytorch-native-cpu jar); thread counts must be set before the engine starts, so they
 * are applied here only if the caller did not set them on the command line.
 */
public final class DjlRuntime {
    private static volatile Engine engine;

    private DjlRuntime() {
    }

    /** Starts the engine once; {@code threads <= 0} keeps libtorch's own choice. */
    public static synchronized Engine engine(int threads) {
        if (engine == null) {
            System.setProperty("ai.djl.offline", "true");
            if (threads > 0 && System.getProperty("ai.djl.pytorch.num_threads") == null) {
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
                System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
            }
            engine = Engine.getEngine("PyTorch");
        }
        return engine;
    }

    public static Engine engine() {
        return engine(0);
    }
}
