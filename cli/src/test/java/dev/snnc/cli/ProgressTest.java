package dev.snnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Without a terminal (as under Maven), progress is plain lines without carriage returns; quiet prints nothing. */
class ProgressTest {
    static String captureStderr(Runnable r) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            r.run();
        } finally {
            System.setErr(old);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesWhenStderrIsNotATerminal() {
        assertEquals(null, System.console(), "this test assumes no terminal, as under Maven");
        String out = captureStderr(() -> {
            try (Progress p = Progress.start("simulate", 5, "img", true)) {
                for (int i = 1; i <= 5; i++) {
                    p.reporter().accept(i);
                }
            }
        });
        assertFalse(out.contains("\r"), out);
        assertTrue(out.startsWith("snnc: simulate 5/5 img ("), out);
        assertEquals(1, out.lines().count(), out);
    }

    @Test
    void nothingWhenQuiet() {
        assertEquals("", captureStderr(() -> {
            try (Progress p = Progress.start("simulate", 5, "img", false)) {
                p.reporter().accept(5);
            }
        }));
    }
}
