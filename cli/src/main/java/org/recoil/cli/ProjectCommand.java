package org.recoil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recoil.cli.report.SearchRun;
import org.recoil.core.physics.Luminosity;
import org.recoil.limits.analysis.AnalysisSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recoil project --config ANALYSIS.yaml --lumi 276/pb,50/fb,50/ab --out DIR}: expected limits
 * at other luminosities from Asimov data with the yields scaled by L/L0, for each systematics
 * scenario of the config ({@link org.recoil.limits.projection.LuminosityProjection}); writes
 * {@code limits.json}, {@code projection.csv}, {@code summary.txt} and plots.
 */
@Command(name = "project", mixinStandardHelpOptions = true,
        description = {"Expected limits at other luminosities per systematics scenario, with the (g-2)_mu band coverage.",
            "Asimov data with the yields scaled by L/L0; systematics fixed, shrinking as 1/sqrt(L) to a floor, or"
                    + " statistics only; writes limits.json, projection.csv, summary.txt and plots into --out."})
public final class ProjectCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--config", paramLabel = "ANALYSIS.yaml", required = true, description = "Analysis config (YAML).")
    Path config;

    @Option(names = "--lumi", paramLabel = "L1,L2,...",
            description = "Luminosities, e.g. 276/pb,50/fb,50/ab (default: the config's projection.luminosities).")
    String lumi;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    @Override
    public Integer call() {
        return SearchCommands.run(spec, SearchRun.Kind.PROJECT, out, threads, () -> {
            AnalysisSettings s = SearchCommands.load(config);
            return lumi != null ? s.withProjectionLuminosities(Luminosity.parseList(lumi)) : s;
        });
    }
}
