package org.recoil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.bayes.BayesianCalculator;
import org.recoil.limits.bayes.BayesianExpected;
import org.recoil.limits.bayes.BayesianResult;
import org.recoil.limits.bayes.McmcOptions;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * The Bayesian part of {@code recoil limit}: computes the observed credible limit and the expected
 * band, and reports them as text or as the fields of the {@code --json} document (the contract's
 * {@code observed} and {@code expected}, plus the prior range, uncertainties labelled by kind, chain
 * diagnostics and warnings).
 */
final class BayesianLimitReport {

    private BayesianLimitReport() {
    }

    /**
     * @param model the model
     * @param options the Bayesian options
     * @param cl credibility level
     * @param toys pseudo-experiments of the expected band (null: 200)
     * @param seed seed of chains and pseudo-experiments
     * @param threads worker threads (null: all processors)
     * @param source the workspace's name for the text output
     * @param doc the JSON document to fill
     * @param json whether the output is JSON (else text on {@code out})
     * @param progress whether to draw a progress bar on {@code err} (not for a point of a batch)
     * @param err standard error (progress, warnings)
     * @param out standard output (null: no text, a point of a batch)
     */
    static void run(HistFactoryModel model, BayesianOptions options, double cl, Integer toys, long seed,
                    Integer threads, String source, Map<String, Object> doc, boolean json, boolean progress,
                    PrintWriter err, PrintWriter out) {
        BayesianCalculator.Method how = options.method();
        BayesianResult obs;
        BayesianExpected exp;
        BayesianCalculator calc;
        try (ProgressBar bar = new ProgressBar(err, "MCMC")) {
            McmcOptions mcmc = progress ? options.mcmc(seed).withProgress(bar) : options.mcmc(seed);
            if (threads != null) {
                mcmc = mcmc.withThreads(threads);
            }
            calc = new BayesianCalculator(model, new PointEstimateMinimizer()).withMethod(how).withMcmc(mcmc);
            obs = calc.upperLimit(cl);
            bar.label("background-only pseudo-experiments");
            ToyOptions o = ToyOptions.of(toys == null ? 200 : toys, seed);
            o = progress ? o.withProgress(bar) : o;
            if (threads != null) {
                o = o.withThreads(threads);
            }
            exp = calc.expectedUpperLimits(cl, o);
        }
        Set<String> warnings = new LinkedHashSet<>();
        warnings.addAll(obs.warnings());
        warnings.addAll(exp.warnings());
        for (String w : warnings) {
            err.println("recoil: warning: " + w);
        }
        err.flush();
        String poi = model.parameters().names().get(model.parameters().poiIndex());
        String prior = calc.prior().description() + (calc.priorFromDeclaredBounds()
                ? " (the declared bounds of " + poi + ")" : "");
        doc.put("observed", obs.upperLimit());
        doc.put("expected", exp.expected().toArray());
        doc.put("observed_uncertainty", obs.uncertainty());
        doc.put("observed_uncertainty_kind", obs.method() == BayesianCalculator.Method.MCMC ? "monte_carlo"
                : "numerical");
        doc.put("expected_uncertainty", exp.uncertainty().toArray());
        doc.put("expected_exact", exp.exact());
        doc.put("marginalisation", obs.method().name().toLowerCase(Locale.ROOT));
        doc.put("prior", prior);
        doc.put("prior_range", new Double[] {obs.priorLower(),
            Double.isFinite(obs.priorUpper()) ? obs.priorUpper() : null});
        if (!Double.isNaN(obs.massAbovePrior())) {
            doc.put("mass_above_prior", obs.massAbovePrior());
        }
        doc.put("toys", exp.toys());
        obs.mcmc().ifPresent(d -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("chains", d.chains());
            m.put("warm_up", d.burnIn());
            m.put("chain_length", d.samplesPerChain());
            m.put("initial_chain_length", d.initialSamplesPerChain());
            m.put("max_chain_length", d.maxSamplesPerChain());
            m.put("acceptance_rate", d.acceptanceRate());
            m.put("r_hat", d.maxRHat());
            m.put("target_r_hat", d.targetRHat());
            m.put("converged", d.converged());
            m.put("effective_sample_size", d.effectiveSampleSize());
            doc.put("mcmc", m);
        });
        doc.put("warnings", new ArrayList<>(warnings));
        if (!json && out != null) {
            printText(out, cl, poi, prior, source, obs, exp);
        }
    }

    private static void printText(PrintWriter out, double cl, String poi, String prior, String source,
                                  BayesianResult obs, BayesianExpected exp) {
        out.printf(Locale.ROOT, "%s credible upper limit on %s (Bayesian, prior %s): %s%n", percent(cl), poi, prior,
                source);
        out.printf(Locale.ROOT, "  observed          %.6g +- %.2g (%s error)%n", obs.upperLimit(), obs.uncertainty(),
                obs.uncertaintyKind());
        String[] names = {"expected -2 sigma", "expected -1 sigma", "expected median  ", "expected +1 sigma",
            "expected +2 sigma"};
        for (int k = 0; k < names.length; k++) {
            double u = exp.uncertainty().get(k);
            out.printf(Locale.ROOT, "  %s %.6g%s%n", names[k], exp.expected().get(k),
                    exp.exact() ? "" : String.format(Locale.ROOT, " +- %.2g (Monte Carlo error)", u));
        }
        out.printf(Locale.ROOT, "  marginalisation: %s%n", obs.detail());
        if (exp.exact()) {
            out.printf(Locale.ROOT, "  expected: exact, the limit at the Poisson quantiles of the count%n");
        } else {
            out.printf(Locale.ROOT, "  expected from %d background-only pseudo-experiments%n", exp.toys());
        }
        out.flush();
    }

    private static String percent(double cl) {
        double pct = 100 * cl;
        return (pct == Math.rint(pct) ? String.valueOf((long) pct) : String.valueOf(pct)) + "%";
    }
}
