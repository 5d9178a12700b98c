package org.recoil.cli;

import java.io.PrintWriter;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code recoil} command-line application. Exit codes (DESIGN.md): 0 success, 1 internal
 * error, 2 bad input or usage, 3 a fit or limit could not be computed.
 */
@Command(name = "recoil",
        mixinStandardHelpOptions = true,
        versionProvider = RecoilCli.Version.class,
        description = "Recoil-mass searches and statistical limits (HistFactory likelihoods, CLs, Bayesian limits, L_mu-L_tau Z').",
        subcommands = {
                CommandLine.HelpCommand.class,
                G2Command.class,
                WidthsCommand.class,
                FitCommand.class,
                WorkspaceCommand.class,
                XsecCommand.class,
                HistogramCommand.class,
                DemoCommand.class,
                ScanCommand.class,
                ProjectCommand.class,
                HypotestCommand.class,
                LimitCommand.class,
                EventsCommand.class,
        })
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

    /**
     * Builds the command line with the exit-code mapping of DESIGN.md.
     *
     * @return a ready {@link CommandLine}
     */
    public static CommandLine commandLine() {
        RecoilCli app = new RecoilCli();
        CommandLine cl = new CommandLine(app);
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
        System.exit(commandLine().execute(args));
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
