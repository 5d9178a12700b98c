package org.recoil.spark;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recoil.cli.SearchCommands;
import org.recoil.cli.report.GlobalSignificanceReport;
import org.recoil.cli.report.SearchRun;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.analysis.AnalysisSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recoil spark-scan --config ANALYSIS.yaml --out DIR [--master URL] [--threads N]
 * [--global-significance [--lee-toys N]]}: the mass scan of {@code recoil scan} with one Spark task
 * per mass hypothesis ({@link SparkScanExecutor}); the same {@code limits.json}, {@code limits.csv},
 * HEPData table, summary and plots as the local command, with the same numbers for the same config.
 * With {@code --global-significance} also the look-elsewhere effect (Gross and Vitells,
 * arXiv:1005.1891) from background-only pseudo-experiments of the whole scan, in Spark tasks of
 * contiguous ranges of pseudo-experiments: the same {@code global_significance.json} as
 * {@code recoil scan --global-significance}. Event selection and signal Monte Carlo run on the driver
 * with {@code --threads} threads.
 */
@Command(name = "spark-scan", mixinStandardHelpOptions = true,
        description = {"Mass scan of an analysis config with one Spark task per Z' mass.",
            "Writes the files of 'recoil scan' (limits.json, limits.csv, ...) into --out."})
public final class SparkScanCommand implements Callable<Integer> {

    /** The command's name in the summary and the error report. */
    static final String NAME = "spark-scan";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "ANALYSIS.yaml", required = true, description = "Analysis config (YAML).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Mixin
    SparkMasterOption master;

    @Option(names = "--threads", paramLabel = "N",
            description = "Driver threads for selection and signal MC (default: all processors).")
    Integer threads;

    @Option(names = "--global-significance", description = {"Also the global significance of the largest local excess"
        + " (look-elsewhere effect): background-only pseudo-experiments of the whole scan, in Spark tasks, and the"
        + " Gross-Vitells estimate; writes " + GlobalSignificanceReport.FILE + "."})
    boolean globalSignificance;

    @Option(names = "--lee-toys", paramLabel = "N", defaultValue = "1000",
            description = "Pseudo-experiments of --global-significance (default ${DEFAULT-VALUE}).")
    int leeToys;

    @Override
    public Integer call() {
        if (globalSignificance && leeToys < 1) {
            throw new InvalidInputException("--lee-toys must be at least 1, got " + leeToys);
        }
        // the config is checked before Spark starts: a bad config fails in a second, not after the start-up
        AnalysisSettings settings = SearchCommands.reportingErrors(out, NAME, () -> {
            AnalysisSettings loaded = SearchCommands.load(config);
            if (loaded.mva() != null && loaded.mva().model().isEmpty()) {
                // the job jar leaves XGBoost out (its Kryo 5 would clash with Spark's): no MVA training here; a
                // saved model is applied without XGBoost (org.recoil.limits.mva.XgboostJson)
                throw new InvalidInputException(config + ": selection: mva: spark-scan applies a saved model only"
                        + " (selection.mva.model: FILE, written by recoil scan with save_model: FILE); training needs"
                        + " XGBoost, which the Spark job jar carries not");
            }
            return loaded;
        });
        SparkSessions session = SearchCommands.reportingErrors(out, NAME, () -> master.open("recoil spark-scan"));
        try (SparkSessions s = session) {
            return SearchCommands.run(spec, SearchRun.Kind.SCAN, NAME, out, threads, () -> settings,
                    new SparkScanExecutor(s.session()), globalSignificance ? leeToys : 0);
        }
    }
}
