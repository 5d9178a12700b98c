package org.recoil.cli.report;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.analysis.AnalysisPipeline;
import org.recoil.limits.analysis.AnalysisSettings;
import org.recoil.limits.analysis.EventSystematics;
import org.recoil.limits.analysis.SearchSamples;
import org.recoil.limits.projection.ProjectionResult;
import org.recoil.limits.projection.PublishedLimits;
import org.recoil.limits.projection.SystematicsScenario;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.PostFitPoint;
import org.recoil.limits.scan.ScanExecutor;
import org.recoil.limits.scan.GlobalSignificanceResult;
import org.recoil.limits.scan.ScanResult;

/**
 * One run of {@code recoil demo}, {@code scan} or {@code project}: the pipeline steps
 * ({@link AnalysisPipeline}), timed, with progress bars on stderr, then the reports and plots
 * written into a staged {@link OutputFolder} that is committed only when everything succeeded. On
 * any failure the exception is rethrown; the command then fails the folder ({@link OutputFolder#fail}:
 * only {@value OutputFolder#ERROR_REPORT} is switched in) and maps the error to an exit code.
 */
public final class SearchRun {

    /** What the run computes and writes. */
    public enum Kind {
        /** Scan and projections on the default synthetic analysis. */
        DEMO,
        /** The mass scan only. */
        SCAN,
        /** The luminosity projections only. */
        PROJECT;

        /** @return the command name */
        public String command() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The result of a run.
     *
     * @param files the files written into the output folder
     * @param timer the step timings
     * @param report the reports' content
     */
    public record Outcome(List<Path> files, StepTimer timer, SearchReport report) {
    }

    /** Names of the files written. */
    public static final String LIMITS_JSON = "limits.json";
    /** The scan table. */
    public static final String LIMITS_CSV = "limits.csv";
    /** The projection table. */
    public static final String PROJECTION_CSV = "projection.csv";
    /** The HEPData-style table of the g′ limit. */
    public static final String HEPDATA_YAML = "hepdata_gprime_limit.yaml";
    /** The size of each event-level systematic per mass (only with {@code variations:}). */
    public static final String SYSTEMATICS_CSV = "systematics.csv";
    /** The text summary. */
    public static final String SUMMARY = "summary.txt";

    private SearchRun() {
    }

    /**
     * Runs, the mass scan's points on the given executor (local threads, or Spark tasks for
     * {@code recoil spark-scan}); everything else on {@code threads} local threads.
     *
     * @param kind what to run
     * @param command the command name written into the summary (e.g. {@code spark-scan})
     * @param settings the analysis settings
     * @param folder the open output folder (committed here on success; the caller fails and closes it)
     * @param threads worker threads
     * @param executor where the scan's mass points run
     * @param err where progress goes
     * @param interactive whether stderr is a console (progress redrawn in place)
     * @return the files and timings
     * @throws InvalidInputException for bad input (nothing committed)
     * @throws ComputationException if no limit could be computed (nothing committed)
     */
    public static Outcome run(Kind kind, String command, AnalysisSettings settings, OutputFolder folder, int threads,
                              ScanExecutor executor, PrintWriter err, boolean interactive) {
        return run(kind, command, settings, folder, threads, executor, err, interactive, 0);
    }

    /**
     * As {@link #run(Kind, String, AnalysisSettings, OutputFolder, int, ScanExecutor, PrintWriter, boolean)}, and
     * with {@code leeToys > 0} the global significance of the scan's largest local excess from that
     * many pseudo-experiments on {@code executor} ({@link AnalysisPipeline#globalSignificance}), written to
     * {@value GlobalSignificanceReport#FILE} and appended to the summary.
     *
     * @param kind what to run
     * @param command the command name
     * @param settings the analysis settings
     * @param folder the open output folder (committed here on success; the caller fails and closes it)
     * @param threads worker threads
     * @param executor where the scan's mass points and the pseudo-experiments run
     * @param err where progress goes
     * @param interactive whether stderr is a console
     * @param leeToys pseudo-experiments of the global significance, 0 for none
     * @return the files and timings
     */
    public static Outcome run(Kind kind, String command, AnalysisSettings settings, OutputFolder folder, int threads,
                              ScanExecutor executor, PrintWriter err, boolean interactive, int leeToys) {
        StepTimer timer = new StepTimer();
        boolean synthetic = settings.inputs().synthetic();
        SearchSamples samples = AnalysisPipeline.prepare(settings, threads,
                new ConsoleProgress(err, "signal MC", interactive), timer);
        List<MassPointInput> points = timer.time("window yields + efficiencies",
                () -> AnalysisPipeline.massPoints(settings, samples));
        ScanResult scan = null;
        if (kind != Kind.PROJECT) {
            scan = timer.time(String.format(Locale.ROOT, "mass scan (%d points, %s)", points.size(),
                    settings.method().name()), () -> AnalysisPipeline.scan(settings,
                    samples, points, threads, new ConsoleProgress(err, "mass scan", interactive), executor));
        }
        ProjectionResult projection = null;
        ProjectionResult curves = null;
        if (kind != Kind.SCAN) {
            int n = settings.projection().luminosities().size() * settings.projection().scenarios().size()
                    * (1 + settings.projection().improvements().size());
            projection = timer.time(String.format(Locale.ROOT, "projections (%d scans)", n),
                    () -> AnalysisPipeline.project(settings, points, threads,
                            new ConsoleProgress(err, "projections", interactive)));
            curves = timer.time("limit vs luminosity curves",
                    () -> AnalysisPipeline.luminosityCurves(settings, points, threads));
        }
        ProjectionResult comparison = null;
        if (kind != Kind.SCAN && !settings.projection().improvements().isEmpty()) {
            SystematicsScenario drawn = settings.projection().scenarios().stream()
                    .filter(x -> x.name().equals(projectionScenario(settings))).findFirst().orElseThrow();
            comparison = timer.time(String.format(Locale.ROOT, "comparison with Belle II 2023 (%s, %d scans)",
                    PublishedLimits.LUMINOSITY.format(), 1 + settings.projection().improvements().size()),
                    () -> AnalysisPipeline.projectAt(settings, points, PublishedLimits.LUMINOSITY, drawn, threads));
        }
        ProjectionResult comparisonF = comparison;
        PublishedLimits published = PublishedLimits.belle2023();
        GlobalSignificanceResult global = null;
        if (leeToys > 0 && scan != null) {
            ScanResult observed = scan;
            global = timer.time(String.format(Locale.ROOT, "global significance (%d pseudo-experiments)", leeToys),
                    () -> AnalysisPipeline.globalSignificance(settings, samples, points, observed, leeToys,
                            threads, new ConsoleProgress(err, "look-elsewhere toys", interactive), executor));
        }
        GlobalSignificanceResult globalF = global;
        SearchReport report = new SearchReport(settings, samples, scan, projection, curves);
        ScanResult scanF = scan;
        ProjectionResult projF = projection;
        ProjectionResult curvesF = curves;
        timer.time("reports (json, csv, yaml, txt)", () -> {
            folder.writeString(LIMITS_JSON, report.limitsJson());
            if (scanF != null) {
                folder.writeString(LIMITS_CSV, report.limitsCsv());
                folder.writeString(HEPDATA_YAML, report.hepdataYaml());
            }
            if (projF != null) {
                folder.writeString(PROJECTION_CSV, report.projectionCsv(projF));
            }
            if (settings.variations().enabled()) {
                folder.writeString(SYSTEMATICS_CSV, EventSystematics.csv(points));
            }
            if (samples.mva() != null) {
                folder.writeString(org.recoil.limits.analysis.MvaEfficiency.FILE,
                        org.recoil.limits.analysis.MvaEfficiency.csv(samples.mva(), points));
            }
            folder.writeString(SUMMARY, report.summary(command)
                    + (comparisonF == null ? "" : SearchReport.publishedComparison(comparisonF, published))
                    + (globalF == null ? "" : GlobalSignificanceReport.summary(globalF)));
            if (globalF != null) {
                folder.writeString(GlobalSignificanceReport.FILE, GlobalSignificanceReport.json(globalF));
            }
            return null;
        });
        timer.time("plots (png, svg)", () -> {
            List<String> notes = notes(settings);
            SearchPlots.spectrum(samples, scanF, settings.luminosity(), settings.model(), folder);
            if (scanF != null && scanF.withLimits().size() >= 2) {
                SearchPlots.sigmaLimit(scanF, synthetic, notes, folder);
            }
            if (scanF != null && scanF.withLocalSignificance().size() >= 2) {
                SearchPlots.localP0(scanF, synthetic, notes, folder);
            }
            if (scanF != null) {
                scanF.largestLocalExcess().flatMap(p -> PostFitPoint.of(scanF, p))
                        .ifPresent(f -> SearchPlots.postFitSpectrum(f, synthetic, notes, folder));
            }
            boolean drawable = (scanF != null && !scanF.withLimits().isEmpty()) || projF != null;
            if (drawable) {
                SearchPlots.gPrimeLimit(scanF, projF, projectionScenario(settings),
                        settings.projection().g2Scenarios(), settings.masses(), synthetic, notes, folder);
            }
            if (comparisonF != null) {
                SearchPlots.publishedComparison(comparisonF, published, settings.projection().g2Scenarios(),
                        settings.masses(), synthetic, notes, folder);
            }
            if (settings.variations().enabled()) {
                SearchPlots.systematics(points, synthetic, notes, folder);
            }
            if (samples.mva() != null) {
                SearchPlots.mva(samples.mva().report(), synthetic, notes, folder);
            }
            if (curvesF != null) {
                List<Luminosity> ms = new ArrayList<>(settings.projection().luminosities());
                SearchPlots.luminosity(curvesF, ms, synthetic, notes, folder);
            }
            return null;
        });
        List<Path> files = folder.commit();
        return new Outcome(files, timer, report);
    }

    /** The systematics scenario whose projections are drawn on the g′ plot: {@code shrinking} if present. */
    static String projectionScenario(AnalysisSettings s) {
        for (SystematicsScenario sc : s.projection().scenarios()) {
            if (sc.name().equals("shrinking")) {
                return sc.name();
            }
        }
        return s.projection().scenarios().get(0).name();
    }

    private static List<String> notes(AnalysisSettings s) {
        return List.of(String.format(Locale.ROOT, "%s, %.0f%% CL, %s", s.luminosity().format(), 100 * s.cl(),
                s.method().name()), "Z' model " + s.model().name());
    }

    /**
     * @param e an error
     * @return the CLI exit code it maps to (DESIGN.md): 2 bad input, 3 computation, 1 otherwise
     */
    public static int exitCode(Throwable e) {
        if (e instanceof InvalidInputException) {
            return 2;
        }
        if (e instanceof ComputationException) {
            return 3;
        }
        return 1;
    }
}
