package org.recoil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.limits.calc.HypoTestCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.calc.ToyCalculator;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.interval.UpperLimit;
import org.recoil.limits.interval.UpperLimitResult;
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
 * {@code recoil limit WS.json}: upper limit on the signal strength at a confidence level (default
 * 90%), observed and expected (−2σ ... +2σ): CLs with the asymptotic formulae or with toys, or a
 * Bayesian credible limit with a flat prior (expected limits from background-only toys).
 */
@Command(name = "limit", mixinStandardHelpOptions = true,
        description = "Upper limit on the signal strength: CLs (asymptotic or toys) or Bayesian, observed and expected.")
public final class LimitCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    WorkspaceInput input;

    @Option(names = "--cl", paramLabel = "CL", defaultValue = "0.90", description = "confidence level (default ${DEFAULT-VALUE})")
    double cl;

    @Option(names = "--method", paramLabel = "M", defaultValue = "asymptotic",
            description = "asymptotic (default), toys or bayesian")
    String method;

    @Option(names = "--test-stat", paramLabel = "T", defaultValue = "qtilde",
            description = "CLs test statistic: qtilde (default) or q; toys also accept ttilde, t and event_count")
    String testStat;

    @Option(names = "--toys", paramLabel = "N",
            description = "toys per hypothesis (toys; default 1000) or background-only toys for the expected Bayesian"
                    + " limits (bayesian; default 200)")
    Integer toys;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of toys and chains (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads (default: all processors)")
    Integer threads;

    @Mixin
    BayesianOptions bayesianOptions;

    @Option(names = "--json", description = "print one JSON document on stdout (a batch: one JSON object per line)")
    boolean json;

    @Mixin
    PointBatch.Options batch;

    /** Set before a batch starts: its points run toys and chains on their own thread. */
    private boolean batchRun;

    @Override
    public Integer call() {
        if (!(cl > 0 && cl < 1)) {
            throw new InvalidInputException("--cl must lie in (0, 1), got " + cl);
        }
        if (toys != null && toys < 1) {
            throw new InvalidInputException("--toys must be at least 1, got " + toys);
        }
        if (!List.of("asymptotic", "toys", "bayesian").contains(method)) {
            throw new InvalidInputException("--method must be asymptotic, toys or bayesian, got '" + method + "'");
        }
        if (method.equals("bayesian") && input.expectedOnly()) {
            throw new InvalidInputException("--expected-only works with --method asymptotic or toys, not bayesian");
        }
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        if (input.isBatch(batch.allPoints)) {
            PointBatch runner = new PointBatch(spec, threads == null ? Runtime.getRuntime().availableProcessors() : threads,
                    json, batch.out);
            batchRun = true;
            return runner.run(input.points(batch.allPoints),
                    p -> limit(input.inferenceModel(p, ModelOptions.defaults()), err, null));
        }
        if (batch.out != null) {
            throw new InvalidInputException("--out writes the table of a batch: give --patch several times or --all-points");
        }
        Map<String, Object> doc = limit(input.inferenceModel(ModelOptions.defaults()), err, out);
        if (json) {
            Json.print(out, doc);
        }
        return RecoilCli.EXIT_OK;
    }

    /** The limit's JSON document; the text summary goes to {@code out} unless --json or {@code out} is null. */
    private Map<String, Object> limit(HistFactoryModel model, PrintWriter err, PrintWriter out) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("cl", cl);
        doc.put("method", method);
        if (method.equals("bayesian")) {
            bayesian(model, doc, err, out);
        } else {
            cls(model, doc, err, out);
        }
        return doc;
    }

    /** Worker threads of toys and chains: one within a batch point, else --threads. */
    private Integer innerThreads() {
        return batchRun ? Integer.valueOf(1) : threads;
    }

    private void cls(HistFactoryModel model, Map<String, Object> doc, PrintWriter err, PrintWriter out) {
        TestStatistic stat = TestStatistics.fromId(testStat);
        UpperLimitResult r;
        boolean toyMethod = !method.equals("asymptotic");
        if (!toyMethod && !(stat instanceof ProfileLikelihoodStatistic)) {
            throw new InvalidInputException("the asymptotic method needs a profile-likelihood test statistic, not "
                    + stat.id() + "; use --method toys");
        }
        // one progress line for the whole search; none for the points of a batch (PointBatch draws its own bar)
        try (ProgressBar bar = new ProgressBar(err, toyMethod ? "hypothesis tests" : "limit, fits of the data")) {
            boolean progress = !batchRun;
            HypoTestCalculator calc;
            UpperLimit search = UpperLimit.atCl(cl);
            if (!toyMethod) {
                PointEstimateMinimizer minimizer = new PointEstimateMinimizer();
                calc = new AsymptoticCalculator(model, input.data(model),
                        progress ? minimizer.withListener(bar) : minimizer, (ProfileLikelihoodStatistic) stat);
            } else {
                ToyOptions o = ToyOptions.of(toys == null ? 1000 : toys, seed);
                o = progress ? o.withProgress(bar) : o;
                if (innerThreads() != null) {
                    o = o.withThreads(innerThreads());
                }
                calc = new ToyCalculator(model, input.data(model), new PointEstimateMinimizer(), stat, o);
                // toy CLs curves carry a statistical error of order 1/sqrt(N): a root to 1e-3 relative is plenty
                search = search.withAccuracy(1e-3, 1e-6);
            }
            r = search.compute(progress ? counted(calc, bar, toyMethod) : calc);
        }
        warn(err, r.warnings());
        doc.put("observed", r.observed());
        doc.put("expected", r.expected().toArray());
        doc.put("test_statistic", stat.id());
        List<Map<String, Object>> scan = new ArrayList<>();
        for (HypoTestResult h : r.scan()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("mu", h.mu());
            p.put("cls", h.cls());
            p.put("cls_expected", h.clsExpected().toArray());
            h.toys().ifPresent(t -> p.put("cls_error", t.clsError()));
            scan.add(p);
        }
        doc.put("scan", scan);
        if (!json && out != null) {
            out.printf(Locale.ROOT, "%s CL upper limit on %s (CLs, %s, %s): %s%n", percent(cl), poiName(model),
                    method, stat.id(), input.name());
            printBand(out, r.observed(), r.expected());
            out.printf(Locale.ROOT, "  (%d hypothesis tests, search bracket up to %s)%n", r.scan().size(),
                    fmt(r.searchUpperBound()));
            out.flush();
        }
    }

    /**
     * The calculator, counting its hypothesis tests in the progress line: "hypothesis tests: k (mu=X)", then the
     * toys' bar or the fits' iterations (the number of tests of the search is not known in advance).
     */
    private static HypoTestCalculator counted(HypoTestCalculator calc, ProgressBar bar, boolean toyMethod) {
        return new HypoTestCalculator() {
            private int tests;

            @Override
            public HypoTestResult hypotest(double mu) {
                tests++;
                bar.label(String.format(Locale.ROOT, "hypothesis tests: %d (mu=%.4g)%s", tests, mu,
                        toyMethod ? ", toys" : ", fit"));
                return calc.hypotest(mu);
            }

            @Override
            public org.recoil.fitting.model.StatModel model() {
                return calc.model();
            }

            @Override
            public String name() {
                return calc.name();
            }
        };
    }

    private void bayesian(HistFactoryModel model, Map<String, Object> doc, PrintWriter err, PrintWriter out) {
        BayesianLimitReport.run(model, bayesianOptions, cl, toys, seed, innerThreads(), input.name(), doc, json,
                !batchRun, err, out);
    }

    private static void printBand(PrintWriter out, double observed, ExpectedBand e) {
        out.printf(Locale.ROOT, "  observed          %.6g%n", observed);
        out.printf(Locale.ROOT, "  expected -2 sigma %.6g%n", e.minus2());
        out.printf(Locale.ROOT, "  expected -1 sigma %.6g%n", e.minus1());
        out.printf(Locale.ROOT, "  expected median   %.6g%n", e.median());
        out.printf(Locale.ROOT, "  expected +1 sigma %.6g%n", e.plus1());
        out.printf(Locale.ROOT, "  expected +2 sigma %.6g%n", e.plus2());
    }

    private static void warn(PrintWriter err, List<String> warnings) {
        for (String w : warnings) {
            err.println("recoil: warning: " + w);
        }
        err.flush();
    }

    private static String poiName(HistFactoryModel model) {
        var p = model.parameters();
        return p.names().get(p.poiIndex());
    }

    private static String percent(double cl) {
        double pct = 100 * cl;
        return (pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct)) + "%";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
