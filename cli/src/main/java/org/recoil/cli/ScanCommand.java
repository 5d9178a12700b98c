package org.recoil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recoil.cli.report.GlobalSignificanceReport;
import org.recoil.cli.report.SearchRun;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.scan.ScanExecutor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recoil scan --config ANALYSIS.yaml --out DIR}: the mass scan of an analysis config
 * ({@link org.recoil.limits.analysis.AnalysisConfig}): observed and expected limits on μ, σ × BR and
 * g′ per Z′ mass, with the (g−2)<sub>μ</sub> band coverage; writes {@code limits.json},
 * {@code limits.csv}, the HEPData table, {@code summary.txt} and plots; with {@code --save-workspaces DIR}
 * also each mass point's model as a pyhf JSON workspace ({@link WorkspaceExport}).
 */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Mass scan of an analysis config: 90%% CL (or configured) limits on mu, sigma x BR and g' per Z' mass.",
            "Writes limits.json, limits.csv, hepdata_gprime_limit.yaml, summary.txt and plots into --out."})
public final class ScanCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "ANALYSIS.yaml", required = true, description = "Analysis config (YAML).")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    @Option(names = "--global-significance", description = {"Also the global significance of the largest local excess"
        + " (look-elsewhere effect): background-only pseudo-experiments of the whole scan and the Gross-Vitells"
        + " estimate; writes " + GlobalSignificanceReport.FILE + "."})
    boolean globalSignificance;

    @Option(names = "--lee-toys", paramLabel = "N", defaultValue = "1000",
            description = "Pseudo-experiments of --global-significance (default ${DEFAULT-VALUE}).")
    int leeToys;

    @Option(names = "--save-workspaces", paramLabel = "DIR",
            description = "Also write each mass point's model as a pyhf JSON workspace into DIR (mass_<M>GeV.json).")
    Path saveWorkspaces;

    @Override
    public Integer call() {
        if (globalSignificance && leeToys < 1) {
            throw new InvalidInputException("--lee-toys must be at least 1, got " + leeToys);
        }
        ScanExecutor executor = ScanExecutor.local();
        if (saveWorkspaces != null) {
            executor = new WorkspaceExport(executor, saveWorkspaces);
        }
        return SearchCommands.run(spec, SearchRun.Kind.SCAN, SearchRun.Kind.SCAN.command(), out, threads,
                () -> SearchCommands.load(config), executor, globalSignificance ? leeToys : 0);
    }
}
