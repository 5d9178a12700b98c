package org.recoil.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.recoil.cli.report.OutputFolder;
import org.recoil.cli.report.SearchRun;
import org.recoil.limits.analysis.AnalysisConfig;
import org.recoil.limits.analysis.AnalysisSettings;
import org.recoil.limits.scan.PointStatus;
import org.recoil.limits.scan.ScanExecutor;
import org.recoil.limits.scan.ScanResult;
import picocli.CommandLine;

/**
 * What {@code recoil demo}, {@code scan}, {@code project} and {@code spark-scan} share: loading,
 * running, error reports, the final summary.
 */
public final class SearchCommands {

    private SearchCommands() {
    }

    /**
     * @param config the analysis config file
     * @return its settings, relative paths resolved against its folder
     * @throws org.recoil.core.InvalidInputException if the config cannot be read or is invalid
     */
    public static AnalysisSettings load(Path config) {
        AnalysisConfig c = AnalysisConfig.read(config);
        Path dir = config.toAbsolutePath().getParent();
        return AnalysisSettings.resolve(c, dir, config.toString());
    }

    /**
     * Runs a search command on local threads into an all-or-nothing output folder
     * ({@link OutputFolder}): on failure the folder holds only the error report and the error is rethrown.
     *
     * @param spec the command's spec (for stdout/stderr)
     * @param kind what to run
     * @param out the output folder
     * @param threads worker threads (null: all processors)
     * @param settings supplies the settings (may throw for bad input)
     * @return exit code 0
     */
    static int run(CommandLine.Model.CommandSpec spec, SearchRun.Kind kind, Path out, Integer threads,
                   Supplier<AnalysisSettings> settings) {
        return run(spec, kind, kind.command(), out, threads, settings, ScanExecutor.local());
    }

    /**
     * Runs a search command with the mass scan's points on {@code executor}, into an all-or-nothing
     * output folder: the folder is locked for the run (a concurrent run into it is refused, exit 2,
     * nothing written), and on failure holds only the error report, the previous result kept as
     * {@code DIR.previous}; the error is rethrown.
     *
     * @param spec the command's spec (for stdout/stderr)
     * @param kind what to run
     * @param command the command's name in the summary and the error report
     * @param out the output folder
     * @param threads local worker threads (null: all processors)
     * @param settings supplies the settings (may throw for bad input)
     * @param executor where the mass points of the scan run
     * @return exit code 0
     */
    public static int run(CommandLine.Model.CommandSpec spec, SearchRun.Kind kind, String command, Path out,
                          Integer threads, Supplier<AnalysisSettings> settings, ScanExecutor executor) {
        return run(spec, kind, command, out, threads, settings, executor, 0);
    }

    /**
     * As {@link #run(CommandLine.Model.CommandSpec, SearchRun.Kind, String, Path, Integer, Supplier, ScanExecutor)},
     * with the global significance from {@code leeToys} pseudo-experiments (0: none).
     *
     * @param spec the command's spec
     * @param kind what to run
     * @param command the command's name
     * @param out the output folder
     * @param threads local worker threads (null: all processors)
     * @param settings supplies the settings
     * @param executor where the mass points of the scan and the look-elsewhere pseudo-experiments run
     * @param leeToys pseudo-experiments of the look-elsewhere effect, 0 for none
     * @return exit code 0
     */
    public static int run(CommandLine.Model.CommandSpec spec, SearchRun.Kind kind, String command, Path out,
                          Integer threads, Supplier<AnalysisSettings> settings, ScanExecutor executor, int leeToys) {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (OutputFolder folder = OutputFolder.open(out, command, err)) {
            try {
                if (threads != null && threads < 1) {
                    throw new org.recoil.core.InvalidInputException("--threads must be at least 1, got " + threads);
                }
                int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
                AnalysisSettings s = settings.get();
                SearchRun.Outcome o = SearchRun.run(kind, command, s, folder, n, executor, err,
                        System.console() != null, leeToys);
                printSummary(stdout, err, command, s, o, executor.describe(n));
                return RecoilCli.EXIT_OK;
            } catch (RuntimeException e) {
                folder.fail(SearchRun.exitCode(e), e);
                throw e;
            }
        }
    }

    /**
     * Runs one step of a search command before its run starts (e.g. starting a Spark session); on
     * failure leaves only the error report in {@code out} ({@link OutputFolder#writeErrorReport}, with
     * the exit code of {@link SearchRun#exitCode}) and rethrows.
     *
     * @param out the output folder
     * @param command the command's name in the error report
     * @param step the step
     * @param <T> what the step returns
     * @return what the step returned
     */
    public static <T> T reportingErrors(Path out, String command, Supplier<T> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            OutputFolder.writeErrorReport(out, command, SearchRun.exitCode(e), e);
            throw e;
        }
    }

    private static void printSummary(PrintWriter out, PrintWriter err, String command, AnalysisSettings s,
                                     SearchRun.Outcome o, String where) {
        var report = o.report();
        out.printf(Locale.ROOT, "recoil %s: %s inputs, %s, %.0f%% CL %s, %d mass points (%.3g-%.3g GeV), %s%n",
                command, report.synthetic() ? "SYNTHETIC" : "event-file", s.luminosity().format(),
                100 * s.cl(), s.method().name(), s.masses().length, s.masses()[0], s.masses()[s.masses().length - 1],
                where);
        ScanResult scan = report.scan();
        if (scan != null) {
            Map<PointStatus, Integer> counts = org.recoil.limits.analysis.AnalysisPipeline.statusCounts(scan);
            StringBuilder b = new StringBuilder();
            counts.forEach((k, v) -> {
                if (v > 0) {
                    b.append(b.length() == 0 ? "" : ", ").append(v).append(' ').append(k.id());
                }
            });
            out.println("mass points: " + b);
            org.recoil.limits.analysis.Plausibility.spectrum(o.report().samples(), s.systematics())
                    .ifPresent(w -> err.println("recoil: warning: " + w));
            long windows = scan.points().stream().filter(p -> p.warnings().stream()
                    .anyMatch(w -> w.startsWith("window of M"))).count();
            if (windows > 0) {
                err.printf(Locale.ROOT, "recoil: warning: %d window(s) with observed and expected far apart"
                        + " (see summary.txt)%n", windows);
            }
            if (!scan.withoutLimits().isEmpty()) {
                err.printf(Locale.ROOT, "recoil: warning: %d mass point(s) without limits (see summary.txt)%n",
                        scan.withoutLimits().size());
            }
        }
        out.println("files written to " + o.files().stream().map(Path::getParent).findFirst().orElse(Path.of("."))
                + ":");
        for (Path p : o.files()) {
            out.println("  " + p.getFileName());
        }
        out.println("timing (wall clock):");
        out.print(o.timer().format());
        out.flush();
        err.flush();
    }
}
