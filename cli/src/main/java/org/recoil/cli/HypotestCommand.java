package org.recoil.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.calc.ToyCalculator;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.calc.ToySet;
import org.recoil.limits.calc.ToySetFiles;
import org.recoil.limits.teststat.PointEstimateMinimizer;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;
import org.recoil.limits.teststat.TestStatistic;
import org.recoil.limits.teststat.TestStatistics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code recoil hypotest WS.json --mu X}: CLs hypothesis test of one signal strength, asymptotic
 * (pyhf 0.7's q̃ calculator) or with toys. Toys can be split across jobs ({@code --first-toy},
 * {@code --save-toys}) and combined ({@code --load-toys}). Warnings go to stderr.
 */
@Command(name = "hypotest", mixinStandardHelpOptions = true,
        description = "CLs hypothesis test of a signal strength (asymptotic formulae or toys).")
public final class HypotestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceInput input;

    @Option(names = "--mu", required = true, paramLabel = "X", description = "signal strength to test")
    double mu;

    @Option(names = "--cl", paramLabel = "CL", defaultValue = "0.90",
            description = "confidence level the text summary reports exclusion at (default ${DEFAULT-VALUE})")
    double cl;

    @Option(names = "--calc", paramLabel = "CALC", defaultValue = "asymptotic",
            description = "asymptotic (default) or toys")
    String calc;

    @Option(names = "--test-stat", paramLabel = "T", defaultValue = "qtilde",
            description = "test statistic: qtilde (default) or q; toys also accept ttilde, t and event_count;"
                    + " q0 (with --mu 0) is the discovery test of recoil significance")
    String testStat;

    @Mixin
    ToyCountOptions toyCount;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    Integer threads;

    @Mixin
    ToySplitOptions split;

    @Option(names = "--json", description = "print one JSON document on stdout (a batch: one JSON object per line)")
    boolean json;

    @Mixin
    PointBatch.Options batch;

    @Override
    public Integer call() {
        if (!Double.isFinite(mu)) {
            throw new InvalidInputException("--mu must be a finite number, got " + mu);
        }
        if (!(cl > 0 && cl < 1)) {
            throw new InvalidInputException("--cl must lie in (0, 1), got " + cl);
        }
        TestStatistic stat = TestStatistics.fromId(testStat);
        if (!calc.equals("asymptotic") && !calc.equals("toys")) {
            throw new InvalidInputException("--calc must be asymptotic or toys, got '" + calc + "'");
        }
        if (stat == ProfileLikelihoodStatistic.Q0) { // the discovery test, as pyhf's hypotest(0, test_stat="q0")
            if (mu != 0.0) {
                throw new InvalidInputException("--test-stat q0 tests the background-only hypothesis: use --mu 0, got " + mu);
            }
            if (input.isBatch(batch.allPoints) || batch.out != null || input.expectedOnly()) {
                throw new InvalidInputException("--test-stat q0 tests the observed data of one point: no --all-points,"
                        + " --out, --expected-only or repeated --patch");
            }
            SignificanceCommand.print(spec, SignificanceCommand.discover(spec, input.inferenceModel(ModelOptions.defaults()),
                    calc, toyCount, threads, split), input.name(), mu, json);
            return RecoilCli.EXIT_OK;
        }
        if (input.isBatch(batch.allPoints)) {
            if (split.usesToyFiles()) {
                throw new InvalidInputException("--save-toys and --load-toys work on one point, not a batch");
            }
            PointBatch runner = new PointBatch(spec, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                    json, batch.out);
            // one point per thread: the toys of a point run on that thread (toy results do not depend on threads)
            return runner.run(input.points(batch.allPoints),
                    p -> HypotestOutput.of(test(input.inferenceModel(p, ModelOptions.defaults()), stat, null)));
        }
        if (batch.out != null) {
            throw new InvalidInputException("--out writes the table of a batch: give --patch several times or --all-points");
        }
        HistFactoryModel model = input.inferenceModel(ModelOptions.defaults());
        HypoTestResult r = test(model, stat, spec.commandLine().getErr());
        HypotestOutput.print(spec, r, input.name(), r.calculator(), json, cl);
        return RecoilCli.EXIT_OK;
    }

    /** The test at --mu; {@code err} null: a point of a batch (no progress bar, toys on the calling thread). */
    private HypoTestResult test(HistFactoryModel model, TestStatistic stat, PrintWriter err) {
        if (calc.equals("toys")) {
            return toys(model, stat, err);
        }
        if (split.usesToyFiles()) {
            throw new InvalidInputException("--save-toys and --load-toys need --calc toys");
        }
        if (!(stat instanceof ProfileLikelihoodStatistic pl)) {
            throw new InvalidInputException("the asymptotic calculator needs a profile-likelihood test statistic,"
                    + " not " + stat.id() + "; use --calc toys");
        }
        if (err == null) {
            return new AsymptoticCalculator(model, input.data(model), new PointEstimateMinimizer(), pl).hypotest(mu);
        }
        try (ProgressBar bar = new ProgressBar(err, "hypotest at mu=" + mu + ", fit")) {
            return new AsymptoticCalculator(model, input.data(model), new PointEstimateMinimizer().withListener(bar), pl)
                    .hypotest(mu);
        }
    }

    private HypoTestResult toys(HistFactoryModel model, TestStatistic stat, PrintWriter err) {
        int toys = toyCount.toys();
        long seed = toyCount.seed();
        int firstToy = split.firstToy();
        if (err == null) {
            ToyCalculator tc = new ToyCalculator(model, input.data(model), new PointEstimateMinimizer(), stat,
                    ToyOptions.of(toys, seed).withThreads(1));
            return tc.evaluate(tc.generate(mu, firstToy, toys));
        }
        try (ProgressBar bar = new ProgressBar(err, "toys at mu=" + mu)) {
            ToyOptions o = ToyOptions.of(toys, seed).withProgress(bar);
            if (threads != null) {
                o = o.withThreads(threads);
            }
            ToyCalculator tc = new ToyCalculator(model, input.data(model), new PointEstimateMinimizer(), stat, o);
            ToySet set;
            if (!split.loadToys.isEmpty()) {
                List<ToySet> merged = ToySetFiles.readMerged(split.loadToys);
                set = merged.stream().filter(s -> s.mu() == mu).findFirst().orElseThrow(() ->
                        new InvalidInputException("the toy files " + split.loadToys + " hold no toys at mu = " + mu));
                if (set.seed() != seed && spec.commandLine().getParseResult().hasMatchedOption("--seed")) {
                    throw new InvalidInputException("the toy files were made with seed " + set.seed() + ", not " + seed);
                }
            } else {
                set = tc.generate(mu, firstToy, toys);
            }
            if (split.saveToys != null) {
                ToySetFiles.write(split.saveToys, List.of(set));
            }
            return tc.evaluate(set);
        }
    }
}
