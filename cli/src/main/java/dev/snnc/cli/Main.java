package dev.snnc.cli;

import dev.snnc.ir.backend.Backend;
import dev.snnc.ir.backend.BackendOption;
import dev.snnc.ir.backend.Backends;
import dev.snnc.ir.diag.Diagnostic;
import dev.snnc.ir.diag.SnncException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code snnc} command. Exit codes: 0 ok, 1 a requested accuracy check failed, 2 bad input, 3 internal error. */
@Command(name = "snnc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Compiles trained neural networks into calibrated spiking neural networks.",
        subcommands = {InspectCommand.class, EvalCommand.class, CalibrateCommand.class, QuantizeCommand.class,
            CompileCommand.class, SimulateCommand.class, CosimCommand.class, ExportCommand.class,
            BenchCommand.class},
        footer = {"", "Exit codes: 0 ok, 1 accuracy check failed (--min-accuracy), 2 bad input, 3 internal error."})
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_CHECK_FAILED = 1;
    public static final int EXIT_BAD_INPUT = 2;
    public static final int EXIT_INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, false);
    }

    /**
     * As {@link #run(String[], PrintWriter, PrintWriter)}; with {@code laterOptionsWin} an option given
     * twice takes its last value (tests append small image counts to documented commands).
     */
    static int run(String[] args, PrintWriter out, PrintWriter err, boolean laterOptionsWin) {
        Backends installed = Backends.installed();
        System.setProperty("snnc.targets", installed.targetIds()); // for --target's help text
        CommandLine cl = new CommandLine(new Main());
        addBackendOptions(cl.getSubcommands().get("compile"), installed);
        cl.setOut(out);
        cl.setErr(err);
        cl.setOverwrittenOptionsAllowed(laterOptionsWin);
        cl.setExecutionExceptionHandler((e, line, parsed) -> handle(e, line.getErr()));
        cl.setExitCodeExceptionMapper(e -> EXIT_BAD_INPUT);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Each installed backend's options become options of {@code compile}; the CLI knows none of them by name. */
    static void addBackendOptions(CommandLine compile, Backends installed) {
        for (Backend b : installed.all()) {
            for (BackendOption o : b.options()) {
                CommandLine.Model.OptionSpec.Builder spec = CommandLine.Model.OptionSpec.builder(o.name())
                        .paramLabel(o.paramLabel()).description(o.description()).type(String.class);
                if (o.defaultValue() != null) {
                    spec.defaultValue(o.defaultValue());
                }
                compile.getCommandSpec().addOption(spec.build());
            }
        }
    }

    private static int handle(Exception e, PrintWriter err) {
        if (e instanceof SnncException s) {
            for (Diagnostic d : s.diagnostics()) {
                err.println(d.render());
            }
            return EXIT_BAD_INPUT;
        }
        err.println("snnc: internal error (this is a bug, please report it with the command line):");
        e.printStackTrace(err);
        return EXIT_INTERNAL;
    }
}
