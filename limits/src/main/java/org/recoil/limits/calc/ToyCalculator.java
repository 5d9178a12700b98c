package org.recoil.limits.calc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.recoil.core.ComputationException;
import org.recoil.fitting.fit.FitFailedException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.teststat.ProfileLikelihood;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;
import org.recoil.limits.teststat.TestStatistic;

/**
 * CLs from pseudo-experiments (the frequentist calculator of RooStats / CMS Combine): toys of the
 * signal-plus-background hypothesis are generated at (μ, θ̂̂(μ)) and toys of the background-only
 * hypothesis at (0, θ̂̂(0)), the nuisance parameters profiled on the observed data (Cowan et al.,
 * arXiv:1007.1727, Sec. 2; ATLAS/CMS Higgs combination, ATL-PHYS-PUB-2011-011), with the global
 * observables (auxiliary data) randomised by {@link StatModel#sample}. Then
 * CLs+b = P(T ≥ t<sub>obs</sub> | μ), CLb = P(T ≥ t<sub>obs</sub> | 0) and CLs = CLs+b / CLb, with
 * binomial errors. The expected band is formed as pyhf 0.7's toy calculator does: CLs of every
 * background-only toy's own statistic, then its Φ(−2), Φ(−1), 0.5, Φ(1), Φ(2) quantiles (linear
 * interpolation, numpy's default).
 *
 * <p>Toy {@code i} of the hypothesis generated at μ uses the stream {@link ToySeeds#rng}(seed,
 * {@link ToySeeds#hypothesisKey}(μ), i); toys run in parallel on {@link ToyOptions#threads()}
 * threads and the results do not depend on their number. A toy whose fit fails is recorded (NaN in
 * the {@link ToySet}) and excluded; if more than {@link ToyOptions#maxFailedFraction()} of the toys
 * fail, the calculation throws a {@link ComputationException}.
 *
 * <p>Immutable and thread-safe.
 */
public final class ToyCalculator implements HypoTestCalculator {

    private final ProfileLikelihood likelihood;
    private final Data data;
    private final TestStatistic statistic;
    private final ToyOptions options;
    private final FitResult freeFit;
    private final double[] backgroundPars;
    private final List<String> warnings;

    /**
     * Toy calculator for the model's observed data with q̃<sub>μ</sub>.
     *
     * @param model the model
     * @param minimizer the minimiser
     * @param options toys, seed, threads
     */
    public ToyCalculator(StatModel model, Minimizer minimizer, ToyOptions options) {
        this(model, model.observed(), minimizer, ProfileLikelihoodStatistic.Q_MU_TILDE, options);
    }

    /**
     * @param model the model
     * @param data the dataset to test
     * @param minimizer the minimiser
     * @param statistic the test statistic: q̃, q, t̃, t or the event count (not the discovery q<sub>0</sub>)
     * @param options toys, seed, threads
     * @throws FitFailedException if the free or background-only fit of the data fails
     * @throws org.recoil.core.InvalidInputException for q<sub>0</sub>
     */
    public ToyCalculator(StatModel model, Data data, Minimizer minimizer, TestStatistic statistic,
                         ToyOptions options) {
        if (statistic == ProfileLikelihoodStatistic.Q0) {
            throw new org.recoil.core.InvalidInputException("q0 is the discovery statistic (it tests mu = 0); CLs"
                    + " hypothesis tests of a signal strength use qtilde, q, ttilde, t or the event count");
        }
        this.likelihood = new ProfileLikelihood(model, minimizer);
        this.data = data;
        this.statistic = statistic;
        this.options = options;
        this.freeFit = statistic.needsFits() ? likelihood.freeFit(data) : null;
        this.backgroundPars = generationParameters(0.0);
        List<String> w = new ArrayList<>();
        if (statistic instanceof ProfileLikelihoodStatistic p) {
            p.boundsWarning(model.parameters()).ifPresent(w::add);
        }
        this.warnings = List.copyOf(w);
    }

    @Override
    public StatModel model() {
        return likelihood.model();
    }

    @Override
    public String name() {
        return "toys";
    }

    /** @return the settings */
    public ToyOptions options() {
        return options;
    }

    /** @return the test statistic */
    public TestStatistic statistic() {
        return statistic;
    }

    /**
     * The parameters toys of the hypothesis μ are generated at: μ and the nuisance parameters
     * profiled on the data, θ̂̂(μ); with no free nuisance parameter, the model's values with the POI
     * set to μ (no fit, so that e.g. a background-only hypothesis the data exclude still has toys).
     */
    private double[] generationParameters(double mu) {
        if (likelihood.hasFreeNuisanceParameters()) {
            return likelihood.conditionalFit(data, mu).values();
        }
        double[] p = likelihood.model().parameters().inits();
        p[likelihood.poiIndex()] = mu;
        return p;
    }

    /** Observed statistic and the conditional fit (null when the statistic needs no fit). */
    private record Observed(double value, FitResult conditional) {
    }

    private Observed observed(double mu) {
        if (statistic instanceof ProfileLikelihoodStatistic p) {
            FitResult cond = likelihood.conditionalFit(data, mu, freeFit.values());
            return new Observed(p.value(mu, cond, freeFit, likelihood.poiIndex()), cond);
        }
        return new Observed(statistic.evaluate(likelihood, data, mu, likelihood.model().parameters().inits()), null);
    }

    /**
     * Generates toys {@code firstToy ... firstToy + count − 1} of both hypotheses at {@code mu}.
     *
     * @param mu hypothesised POI value
     * @param firstToy index of the first toy
     * @param count number of toys per hypothesis
     * @return the toy set (failed toys as NaN)
     * @throws FitFailedException if a fit of the observed data fails
     */
    public ToySet generate(double mu, int firstToy, int count) {
        Observed obs = observed(mu);
        double[] sbPars = obs.conditional() != null && likelihood.hasFreeNuisanceParameters()
                ? obs.conditional().values() : generationParameters(mu);
        double[] bPars = backgroundPars;
        long total = 2L * count;
        AtomicLong done = new AtomicLong();
        double[] sb = run(mu, sbPars, ToySeeds.hypothesisKey(mu), firstToy, count, done, total);
        double[] b = run(mu, bPars, ToySeeds.hypothesisKey(0.0), firstToy, count, done, total);
        return new ToySet(statistic.id(), mu, options.seed(), obs.value(), firstToy, sb, b);
    }

    private double[] run(double mu, double[] genPars, long key, int first, int count, AtomicLong done, long total) {
        double[] out = new double[count];
        StatModel model = likelihood.model();
        Runnable work = () -> IntStream.range(0, count).parallel().forEach(j -> {
            out[j] = toy(model, mu, genPars, key, first + j);
            long d = done.incrementAndGet();
            options.progress().update(d, total);
        });
        if (options.threads() == 1) {
            for (int j = 0; j < count; j++) {
                out[j] = toy(model, mu, genPars, key, first + j);
                options.progress().update(done.incrementAndGet(), total);
            }
            return out;
        }
        ForkJoinPool pool = new ForkJoinPool(options.threads());
        try {
            pool.submit(work).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ComputationException("toy generation interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new ComputationException("toy generation failed: " + c, c);
        } finally {
            pool.shutdown();
        }
        return out;
    }

    private double toy(StatModel model, double mu, double[] genPars, long key, int index) {
        Data toy = model.sample(genPars, ToySeeds.rng(options.seed(), key, index));
        try {
            double v = statistic.evaluate(likelihood, toy, mu, genPars);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (FitFailedException e) {
            return Double.NaN;
        }
    }

    @Override
    public HypoTestResult hypotest(double mu) {
        return evaluate(generate(mu, 0, options.toys()));
    }

    /**
     * CLs, its errors and the expected band from a (possibly merged) toy set.
     *
     * @param set toys of both hypotheses at one μ, made with this calculator's statistic
     * @return the test result
     * @throws ComputationException if too many toys failed or CLb cannot be estimated
     */
    public HypoTestResult evaluate(ToySet set) {
        double mu = set.mu();
        if (!set.testStatistic().equals(statistic.id())) {
            throw new org.recoil.core.InvalidInputException("toy set uses test statistic " + set.testStatistic()
                    + " but the calculator uses " + statistic.id());
        }
        double[] sb = finiteSorted(set.signal());
        double[] b = finiteSorted(set.background());
        int failedSb = set.size() - sb.length;
        int failedB = set.size() - b.length;
        int failed = failedSb + failedB;
        double failedFraction = failed / (2.0 * set.size());
        String poi = likelihood.model().parameters().names().get(likelihood.poiIndex());
        if (failedFraction > options.maxFailedFraction() || sb.length == 0 || b.length == 0) {
            throw new ComputationException(String.format(Locale.ROOT,
                    "%d of %d toys at %s = %s failed their fits (%d signal+background, %d background-only),"
                            + " more than the tolerated %.1f%%", failed, 2 * set.size(), poi, mu, failedSb, failedB,
                    100 * options.maxFailedFraction()));
        }
        double tObs = set.observedTestStatistic();
        double clsb = tail(sb, tObs);
        double clb = tail(b, tObs);
        List<String> w = new ArrayList<>(warnings);
        double cls;
        if (clb > 0) {
            cls = clsb / clb;
        } else if (clsb == 0) {
            cls = 0.0;
            w.add("CLb = CLs+b = 0 at " + poi + " = " + mu + " with " + b.length
                    + " background-only toys: CLs set to 0; more toys needed for its value");
        } else {
            throw new ComputationException("CLb = 0 but CLs+b = " + clsb + " at " + poi + " = " + mu
                    + ": no background-only toy reaches the observed test statistic; generate more toys");
        }
        double clsbErr = Math.sqrt(clsb * (1 - clsb) / sb.length);
        double clbErr = Math.sqrt(clb * (1 - clb) / b.length);
        double clsErr = clb > 0 && clsb > 0
                ? cls * Math.sqrt(Math.pow(clsbErr / clsb, 2) + Math.pow(clbErr / clb, 2))
                : (clb > 0 ? (1.0 / sb.length) / clb : 0.0);
        // expected band: CLs of each background-only toy's statistic, then its quantiles
        double[] clsOfBkg = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            clsOfBkg[i] = tail(sb, b[i]) / tail(b, b[i]);
        }
        Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        pct.setData(clsOfBkg);
        double[] band = new double[ExpectedBand.SIZE];
        for (int k = 0; k < band.length; k++) {
            band[k] = pct.evaluate(100 * ExpectedBand.probability(k));
        }
        Arrays.sort(band); // quantile order is already ascending; guard against rounding
        if (failed > 0) {
            w.add(String.format(Locale.ROOT, "%d of %d toys at %s = %s failed their fits and were excluded",
                    failed, 2 * set.size(), poi, mu));
        }
        Optional<FitResult> cond = Optional.empty();
        Optional<FitResult> free = Optional.empty();
        if (statistic instanceof ProfileLikelihoodStatistic) {
            cond = Optional.of(likelihood.conditionalFit(data, mu, freeFit.values()));
            free = Optional.of(freeFit);
        }
        return new HypoTestResult(mu, cls, clsb, clb, ExpectedBand.of(band), statistic.id(), tObs, cond, free,
                name(), Optional.empty(),
                Optional.of(new HypoTestResult.ToyDetails(sb.length, b.length, failedSb, failedB, clsErr, clsbErr,
                        clbErr)), w);
    }

    static double[] finiteSorted(double[] v) {
        double[] out = Arrays.stream(v).filter(Double::isFinite).toArray();
        Arrays.sort(out);
        return out;
    }

    /** Fraction of the sorted values ≥ t. */
    static double tail(double[] sorted, double t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (sorted.length - lo) / (double) sorted.length;
    }
}
