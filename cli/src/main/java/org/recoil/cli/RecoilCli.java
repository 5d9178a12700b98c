package org.recoil.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code recoil} command-line application. Exit codes (DESIGN.md): 0 success, 1 internal
 * error, 2 bad input or usage, 3 a fit or limit could not be computed.
 *
 * <p>Start-up: {@link #main} builds only the command it runs (picocli reads every command class it is
 * given, with its options and mixins, and loads what their fields use), so {@code recoil hypotest} does not
 * load the plotting, event-reading or scan commands; help, usage errors and {@link #commandLine()} get the
 * whole tree.
 */
@Command(name = "recoil",
        mixinStandardHelpOptions = true,
        versionProvider = RecoilCli.Version.class,
        description = "Recoil-mass searches and statistical limits (HistFactory likelihoods, CLs, Bayesian limits, L_mu-L_tau Z').")
public final class RecoilCli implements Runnable {

    /** Exit code: success. */
    public static final int EXIT_OK = 0;
    /** Exit code: internal error (a bug). */
    public static final int EXIT_INTERNAL = 1;
    /** Exit code: bad input or usage. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code: a fit or limit could not be computed. */
    public static final int EXIT_COMPUTATION = 3;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The subcommands, in the order of the usage text: name and class (read by picocli only when used). */
    private static final List<Map.Entry<String, Class<?>>> COMMANDS = List.of(
            Map.entry("help", CommandLine.HelpCommand.class),
            Map.entry("g2", G2Command.class),
            Map.entry("widths", WidthsCommand.class),
            Map.entry("fit", FitCommand.class),
            Map.entry("workspace", WorkspaceCommand.class),
            Map.entry("xsec", XsecCommand.class),
            Map.entry("histogram", HistogramCommand.class),
            Map.entry("demo", DemoCommand.class),
            Map.entry("scan", ScanCommand.class),
            Map.entry("project", ProjectCommand.class),
            Map.entry("hypotest", HypotestCommand.class),
            Map.entry("limit", LimitCommand.class),
            Map.entry("significance", SignificanceCommand.class),
            Map.entry("diagnostics", DiagnosticsCommand.class),
            Map.entry("nll-scan", NllScanCommand.class),
            Map.entry("events", EventsCommand.class));

    /**
     * Builds the command line with every command and the exit-code mapping of DESIGN.md.
     *
     * @return a ready {@link CommandLine}
     */
    public static CommandLine commandLine() {
        return commandLine(null);
    }

    /**
     * Builds the command line for a run: with only the command {@code args} name first when it is one of
     * ours (its own options and subcommands complete), otherwise with every command.
     *
     * @param argv the command-line arguments, or null for every command
     * @return a ready {@link CommandLine}
     */
    static CommandLine commandLine(String[] argv) {
        String first = argv == null || argv.length == 0 ? null : argv[0];
        boolean known = COMMANDS.stream().anyMatch(c -> c.getKey().equals(first) && !first.equals("help"));
        RecoilCli app = new RecoilCli();
        CommandLine cl = new CommandLine(app);
        for (Map.Entry<String, Class<?>> c : COMMANDS) {
            if (!known || c.getKey().equals(first)) {
                cl.addSubcommand(c.getKey(), c.getValue());
            }
        }
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("recoil: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return EXIT_BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (app.verbose) {
                ex.printStackTrace(err);
            }
            if (ex instanceof InvalidInputException) {
                err.println("recoil: error: " + ex.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof ComputationException) {
                err.println("recoil: could not compute: " + ex.getMessage());
                return EXIT_COMPUTATION;
            }
            err.println("recoil: internal error: " + ex + (app.verbose ? "" : " (run with --verbose for details)"));
            return EXIT_INTERNAL;
        });
        return cl;
    }

    /**
     * Entry point.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        int code;
        try {
            code = commandLine(args).execute(args);
        } catch (Error e) {
            code = reportError(e, new PrintWriter(System.err, true));
        }
        System.exit(code);
    }

    /**
     * One line instead of a stack trace for an {@link Error} that escaped a command: out of memory is a
     * computation that could not be done (exit 3, naming the heap limit), any other Error an internal error
     * (exit 1).
     *
     * @param e the error
     * @param err where to print
     * @return the exit code
     */
    static int reportError(Error e, PrintWriter err) {
        if (e instanceof OutOfMemoryError) {
            err.println("recoil: could not compute: out of memory (" + e.getMessage() + "): the model or the requested"
                    + " output is too large for the Java heap of " + Runtime.getRuntime().maxMemory() / (1024 * 1024)
                    + " MB; give Java more memory (e.g. RECOIL_JAVA_OPTS=-Xmx8g) or use a smaller model");
            return EXIT_COMPUTATION;
        }
        err.println("recoil: internal error: " + e + " (run with --verbose for details)");
        return EXIT_INTERNAL;
    }

    /** Reads the version from the jar manifest, or says it is a development build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RecoilCli.class.getPackage().getImplementationVersion();
            return new String[] {"recoil " + (v == null ? "0.1.0-SNAPSHOT" : v),
                "Java " + System.getProperty("java.version")};
        }
    }
}
