package org.recoil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.recoil.cli.report.SearchRun;
import org.recoil.limits.analysis.AnalysisConfig;
import org.recoil.limits.analysis.AnalysisSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recoil demo}: the whole search on the SYNTHETIC Belle II-like dataset with the default
 * analysis ({@link AnalysisConfig#defaults()}): generate 276 pb⁻¹ of pseudo-data and the Monte Carlo,
 * select, scan 0.2–8 GeV with asymptotic CLs at 90% CL, project to 50 fb⁻¹ and 50 ab⁻¹, and write
 * {@code limits.json}, {@code limits.csv}, {@code projection.csv}, the HEPData table,
 * {@code summary.txt} and the plots into {@code --out}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the full recoil-mass search on the SYNTHETIC Belle II-like dataset (276/pb).",
            "The default analysis: mass scan 0.2-8 GeV, 90%% CL limits on sigma x BR and g', (g-2)_mu coverage and"
                    + " projections to 50/fb and 50/ab; writes limits.json, limits.csv, projection.csv,"
                    + " hepdata_gprime_limit.yaml, summary.txt and plots (PNG, SVG) into --out."})
public final class DemoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "recoil-out",
            description = "Output folder (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the synthetic dataset (default 20200410).")
    Long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all processors).")
    Integer threads;

    @Override
    public Integer call() {
        return SearchCommands.run(spec, SearchRun.Kind.DEMO, out, threads, () -> {
            AnalysisSettings s = AnalysisSettings.resolve(AnalysisConfig.defaults(), null, "default analysis");
            return seed != null ? s.withSyntheticSeed(seed) : s;
        });
    }
}
