package dev.snnc.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** One line describing the machine a measurement ran on (cores, CPU model, memory). */
final class Machine {
    private Machine() {
    }

    static String describe() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
        } catch (IOException e) {
            // not Linux: keep the generic description
        }
        long gib = Runtime.getRuntime().maxMemory() / (1L << 30);
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu + ", JVM max heap " + gib + " GiB, "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
    }
}
