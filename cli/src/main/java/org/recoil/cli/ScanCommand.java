package org.recoil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recoil.cli.report.SearchRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recoil scan --config ANALYSIS.yaml --out DIR}: the mass scan of an analysis config
 * ({@link org.recoil.limits.analysis.AnalysisConfig}): observed and expected limits on μ, σ × BR and
 * g′ per Z′ mass, with the (g−2)<sub>μ</sub> band coverage; writes {@code limits.json},
 * {@code limits.csv}, the HEPData table, {@code summary.txt} and plots.
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

    @Override
    public Integer call() {
        return SearchCommands.run(spec, SearchRun.Kind.SCAN, out, threads, () -> SearchCommands.load(config));
    }
}
