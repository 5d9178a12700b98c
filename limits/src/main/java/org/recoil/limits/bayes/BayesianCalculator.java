package org.recoil.limits.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.HessianErrors;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.model.TwiceNllFunction;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.calc.ToySeeds;
import org.recoil.limits.teststat.ProfileLikelihood;

/**
 * Bayesian credible upper limits on the parameter of interest (as Belle II's 2020 Z′ → invisible
 * search): the posterior p(μ | data) ∝ π(μ) ∫ L(μ, θ) dθ, with the HistFactory likelihood whose
 * constraint terms act as the priors of the nuisance parameters (flat "ur-priors"; Cranmer et al.,
 * CERN-OPEN-2012-016), and μ<sub>up</sub> solving ∫ p(μ | data) dμ from the prior's lower end to
 * μ<sub>up</sub> = CL.
 *
 * <p>Marginalisation ({@link Method}):
 * <ul>
 *   <li>{@link Method#INTEGRATION}: nested adaptive Gauss–Kronrod quadrature ({@link GaussKronrod})
 *       over up to {@value #MAX_INTEGRATION_DIMENSIONS} free nuisance parameters (each on the fit
 *       value ± 10 fit errors, within its bounds), then over μ from the prior's lower end to where
 *       the profile likelihood has fallen by e<sup>−50</sup>; the CL crossing is found in the
 *       quadrature's own partition by Brent root finding. The inner integrals use a relative
 *       tolerance 100 times the outer one (at most 1e-6). Uncertainty from the quadrature error
 *       estimates of both.</li>
 *   <li>{@link Method#MCMC}: {@link AdaptiveMetropolis} chains over μ and every free nuisance
 *       parameter; μ<sub>up</sub> is the CL quantile of the pooled μ samples; uncertainty from the
 *       spread of that quantile over batches of the chains; the Gelman–Rubin R̂ is checked.</li>
 *   <li>{@link Method#AUTO} (default): integration for at most {@value #MAX_INTEGRATION_DIMENSIONS}
 *       free nuisance parameters, MCMC otherwise.</li>
 * </ul>
 * For one bin with known background and a flat prior the limit is the classical CLs limit with the
 * event count (Helene, NIM 212 (1983) 319). Immutable and thread-safe.
 */
public final class BayesianCalculator {

    /** How nuisance parameters are marginalised. */
    public enum Method {
        /** Integration for small models, MCMC for larger ones. */
        AUTO,
        /** Nested adaptive Gauss–Kronrod quadrature. */
        INTEGRATION,
        /** Adaptive Metropolis Markov chains. */
        MCMC
    }

    /** Largest number of free nuisance parameters marginalised by quadrature. */
    public static final int MAX_INTEGRATION_DIMENSIONS = 2;

    /** Warn when the Gelman–Rubin R̂ exceeds this. */
    public static final double MAX_R_HAT = 1.05;

    private static final long EXPECTED_KEY = 0x42415945L; // "BAYE"
    private static final double NUISANCE_RANGE = 10.0;
    private static final double TAIL_TWICE_NLL = 100.0;
    private static final double INNER_FACTOR = 100.0;

    private final StatModel model;
    private final Minimizer minimizer;
    private final Prior prior;
    private final Method method;
    private final McmcOptions mcmc;
    private final double relativeTolerance;

    /**
     * A calculator with the flat prior on μ ≥ 0, {@link Method#AUTO}, MCMC defaults with seed 0 and
     * quadrature relative tolerance 1e-10.
     *
     * @param model the model (with a parameter of interest)
     * @param minimizer the minimiser (for the mode and the integration range)
     */
    public BayesianCalculator(StatModel model, Minimizer minimizer) {
        this(model, minimizer, Prior.flat(), Method.AUTO, McmcOptions.defaults(0L), 1e-10);
    }

    private BayesianCalculator(StatModel model, Minimizer minimizer, Prior prior, Method method, McmcOptions mcmc,
                               double relativeTolerance) {
        if (model.parameters().poiIndex() < 0) {
            throw new InvalidInputException("the model has no parameter of interest");
        }
        this.model = model;
        this.minimizer = minimizer;
        this.prior = prior;
        this.method = method;
        this.mcmc = mcmc;
        this.relativeTolerance = relativeTolerance;
    }

    /** @param p the prior of the POI @return a copy */
    public BayesianCalculator withPrior(Prior p) {
        return new BayesianCalculator(model, minimizer, p, method, mcmc, relativeTolerance);
    }

    /** @param m the marginalisation method @return a copy */
    public BayesianCalculator withMethod(Method m) {
        return new BayesianCalculator(model, minimizer, prior, m, mcmc, relativeTolerance);
    }

    /** @param o MCMC settings @return a copy */
    public BayesianCalculator withMcmc(McmcOptions o) {
        return new BayesianCalculator(model, minimizer, prior, method, o, relativeTolerance);
    }

    /** @param tol relative tolerance of the quadrature @return a copy */
    public BayesianCalculator withIntegrationTolerance(double tol) {
        return new BayesianCalculator(model, minimizer, prior, method, mcmc, tol);
    }

    /** @return the MCMC settings */
    public McmcOptions mcmcOptions() {
        return mcmc;
    }

    /**
     * The method {@link Method#AUTO} resolves to for this model.
     *
     * @return INTEGRATION or MCMC
     */
    public Method resolvedMethod() {
        if (method != Method.AUTO) {
            return method;
        }
        return freeNuisances().length <= MAX_INTEGRATION_DIMENSIONS ? Method.INTEGRATION : Method.MCMC;
    }

    private int[] freeNuisances() {
        Parameters p = model.parameters();
        return IntStream.range(0, p.size()).filter(i -> i != p.poiIndex() && !p.isFixed(i)).toArray();
    }

    /**
     * Upper limit for the model's observed data.
     *
     * @param cl credibility level in (0, 1)
     * @return the limit with its numerical uncertainty
     */
    public BayesianResult upperLimit(double cl) {
        return upperLimit(model.observed(), cl);
    }

    /**
     * Upper limit for a dataset.
     *
     * @param data the dataset
     * @param cl credibility level in (0, 1)
     * @return the limit with its numerical uncertainty
     * @throws ComputationException if the posterior cannot be computed (failed fit, improper posterior, ...)
     */
    public BayesianResult upperLimit(Data data, double cl) {
        return upperLimit(data, cl, mcmc);
    }

    private BayesianResult upperLimit(Data data, double cl, McmcOptions chainOptions) {
        if (!(cl > 0 && cl < 1)) {
            throw new InvalidInputException("credibility level must lie in (0, 1), got " + cl);
        }
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        // mode: free fit with the POI restricted to the prior's support
        StatModel bounded = org.recoil.limits.model.PoiBoundedModel.withPoiBounds(model,
                Math.max(prior.lower(), p.lower(poi)), Math.min(prior.upper(), Math.max(p.upper(poi), prior.lower() + 1)));
        FitResult mode = new ProfileLikelihood(bounded, minimizer).freeFit(data);
        if (Arrays.stream(mode.errors()).anyMatch(e -> !Double.isFinite(e))) {
            // the minimiser skipped the errors: the integration ranges and MCMC proposal need them
            mode = HessianErrors.withErrors(bounded, data, mode.values(), bounded.parameters().fixed(),
                    mode.twiceNll(), mode.status(), mode.iterations(), mode.message());
        }
        return resolvedMethod() == Method.INTEGRATION ? integrate(data, cl, mode) : sample(data, cl, mode, chainOptions);
    }

    // ---------------------------------------------------------------- integration

    /**
     * The unnormalised marginal posterior π(μ) ∫ exp(−(twiceNll − m0)/2) dθ by nested quadrature;
     * one instance per thread (it reuses a scratch parameter vector).
     */
    private final class Marginal implements DoubleUnaryOperator {
        private final TwiceNllFunction f;
        private final double m0;
        private final int poi;
        private final int[] nuis;
        private final double[] lo;
        private final double[] hi;
        private final double[] x;
        private final GaussKronrod[] inner;

        Marginal(TwiceNllFunction f, double m0, int poi, int[] nuis, double[] lo, double[] hi, double[] start) {
            this.f = f;
            this.m0 = m0;
            this.poi = poi;
            this.nuis = nuis;
            this.lo = lo;
            this.hi = hi;
            this.x = start.clone();
            this.inner = new GaussKronrod[nuis.length];
            // tolerances per level: relative INNER_FACTOR times the outer one, absolute at that fraction
            // of the level's value at the mode (so that far tails are not resolved needlessly)
            double rel = innerTolerance();
            for (int j = nuis.length - 1; j >= 0; j--) {
                inner[j] = new GaussKronrod(1e-6, 0, 4000);
                double[] keep = x.clone();
                double scaleAtMode = level(j);
                System.arraycopy(keep, 0, x, 0, x.length);
                inner[j] = new GaussKronrod(rel, rel * scaleAtMode, 4000);
            }
        }

        @Override
        public double applyAsDouble(double mu) {
            double lp = prior.logDensity(mu);
            if (lp == Double.NEGATIVE_INFINITY) {
                return 0.0;
            }
            x[poi] = mu;
            return Math.exp(lp) * level(0);
        }

        /** ∫ over nuisance parameters j, j+1, ... at the current values of the others. */
        private double level(int j) {
            if (j == nuis.length) {
                double v = f.value(x);
                if (Double.isNaN(v)) {
                    throw new ComputationException("Bayesian integration: -2 ln L is NaN at " + Arrays.toString(x));
                }
                return Math.exp(-0.5 * (v - m0));
            }
            int i = nuis[j];
            double keep = x[i];
            GaussKronrod.Result r = inner[j].integrate(t -> {
                x[i] = t;
                return level(j + 1);
            }, lo[j], hi[j], 2);
            x[i] = keep;
            return r.value();
        }
    }

    /** Relative tolerance of the inner (nuisance-parameter) integrals. */
    private double innerTolerance() {
        return Math.min(1e-6, INNER_FACTOR * relativeTolerance);
    }

    private BayesianResult integrate(Data data, double cl, FitResult mode) {
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        int[] nuis = freeNuisances();
        double m0 = mode.twiceNll();
        double[] lo = new double[nuis.length];
        double[] hi = new double[nuis.length];
        for (int j = 0; j < nuis.length; j++) {
            int i = nuis[j];
            double err = mode.error(i);
            if (!(err > 0) || !Double.isFinite(err)) {
                throw new ComputationException("Bayesian integration: no finite fit error for nuisance parameter '"
                        + p.names().get(i) + "' to set its integration range; use MCMC");
            }
            lo[j] = Math.max(p.lower(i), mode.value(i) - NUISANCE_RANGE * err);
            hi[j] = Math.min(p.upper(i), mode.value(i) + NUISANCE_RANGE * err);
        }
        Marginal marginal = new Marginal(model.twiceNllFunction(data), m0, poi, nuis, lo, hi, mode.values());
        double a = prior.lower();
        double b = integrationUpperEnd(data, mode, m0);
        double peak = marginal.applyAsDouble(Math.max(a, Math.min(b, mode.value(poi))));
        GaussKronrod outer = new GaussKronrod(relativeTolerance, 1e-300, 20000);
        GaussKronrod.Result total = outer.integrate(marginal, a, b, 16);
        if (!(total.value() > 0)) {
            throw new ComputationException("Bayesian integration: the posterior of " + p.names().get(poi)
                    + " integrates to " + total.value() + " on [" + a + ", " + b + "] (peak " + peak + ")");
        }
        double target = cl * total.value();
        double cum = 0;
        double cumErr = 0;
        GaussKronrod.Piece crossing = null;
        for (GaussKronrod.Piece piece : total.pieces()) {
            if (cum + piece.value() >= target) {
                crossing = piece;
                break;
            }
            cum += piece.value();
            cumErr += piece.error();
        }
        if (crossing == null) {
            crossing = total.pieces().get(total.pieces().size() - 1);
            cum -= crossing.value();
        }
        final double before = cum;
        final GaussKronrod.Piece seg = crossing;
        BracketingNthOrderBrentSolver solver = new BracketingNthOrderBrentSolver(1e-14, 1e-300, 1e-300, 5);
        DoubleUnaryOperator partial = t -> t <= seg.a() ? 0.0 : GaussKronrod.rule(marginal, seg.a(), t).value();
        double up;
        try {
            up = solver.solve(200, t -> before + partial.applyAsDouble(t) - target, seg.a(), seg.b(),
                    AllowedSolution.ANY_SIDE);
        } catch (org.hipparchus.exception.MathRuntimeException e) {
            throw new ComputationException("Bayesian integration: the credible-limit crossing in [" + seg.a() + ", "
                    + seg.b() + "] was not found: " + e.getMessage(), e);
        }
        double density = marginal.applyAsDouble(up);
        // quadrature errors of the outer integral, plus the inner integrals' relative error (which can
        // shift the normalised cumulative by at most twice that)
        double innerErr = nuis.length > 0 ? 2 * nuis.length * innerTolerance() * total.value() : 0.0;
        double err = (cumErr + seg.error() + cl * total.error() + innerErr) / Math.max(density, Double.MIN_NORMAL);
        err = Math.min(err, seg.b() - seg.a()) + 1e-14 * Math.abs(up);
        String detail = String.format(Locale.ROOT, "adaptive Gauss-Kronrod (G7/K15) quadrature over %s on [%s, %.6g],"
                + " %d nuisance parameter(s) marginalised, %d subintervals, relative integral error %.2e",
                p.names().get(poi), a, b, nuis.length, total.pieces().size(), total.error() / total.value());
        return new BayesianResult(cl, up, err, Method.INTEGRATION, detail, Optional.empty(), List.of());
    }

    /**
     * Where to stop integrating over μ: doubling the distance from the prior's lower end until the
     * profile −2 ln L exceeds its minimum by {@value #TAIL_TWICE_NLL} (posterior below e<sup>−50</sup> of its peak).
     */
    private double integrationUpperEnd(Data data, FitResult mode, double m0) {
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        ProfileLikelihood pl = new ProfileLikelihood(model, minimizer);
        double a = prior.lower();
        double muHat = mode.value(poi);
        double err = mode.error(poi);
        double step = err > 0 && Double.isFinite(err) ? err : Math.max(1e-3, 0.1 * Math.abs(muHat) + 0.1);
        double t = Math.max(muHat, a) + step;
        for (int k = 0; k < 80; k++) {
            if (t >= prior.upper()) {
                return prior.upper();
            }
            double v = pl.hasFreeNuisanceParameters() ? pl.conditionalFit(data, t, mode.values()).twiceNll()
                    : model.twiceNll(withPoi(mode.values(), poi, t), data);
            if (v - m0 > TAIL_TWICE_NLL) {
                return t;
            }
            t = a + 2 * (t - a);
        }
        throw new ComputationException("Bayesian integration: the likelihood of " + p.names().get(poi)
                + " does not fall off up to " + t + ": the posterior is improper with this prior");
    }

    private static double[] withPoi(double[] v, int poi, double mu) {
        double[] x = v.clone();
        x[poi] = mu;
        return x;
    }

    // ---------------------------------------------------------------- MCMC

    private BayesianResult sample(Data data, double cl, FitResult mode, McmcOptions o) {
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        int[] nuis = freeNuisances();
        int[] free = new int[nuis.length + 1];
        free[0] = poi;
        System.arraycopy(nuis, 0, free, 1, nuis.length);
        double[][] fullCov = mode.covariance();
        double[][] cov = new double[free.length][free.length];
        for (int a = 0; a < free.length; a++) {
            for (int b = 0; b < free.length; b++) {
                cov[a][b] = fullCov[free[a]][free[b]];
            }
            if (!(cov[a][a] > 0) || !Double.isFinite(cov[a][a])) {
                for (int b = 0; b < free.length; b++) {
                    cov[a][b] = 0;
                    cov[b][a] = 0;
                }
                double scale = Math.max(1e-2, 0.1 * Math.abs(mode.value(free[a])));
                cov[a][a] = scale * scale;
            }
        }
        AdaptiveMetropolis.Output out = AdaptiveMetropolis.sample(model, data, prior, mode.values(), cov, free, o);
        double[] pooled = Arrays.stream(out.poiSamples()).flatMapToDouble(Arrays::stream).toArray();
        Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        double up = pct.evaluate(pooled, 100 * cl);
        // uncertainty: spread of the quantile over 10 contiguous batches per chain
        int perChain = 10;
        double[] q = new double[out.poiSamples().length * perChain];
        int k = 0;
        for (double[] chain : out.poiSamples()) {
            int len = chain.length / perChain;
            for (int bIdx = 0; bIdx < perChain; bIdx++) {
                q[k++] = pct.evaluate(Arrays.copyOfRange(chain, bIdx * len, (bIdx + 1) * len), 100 * cl);
            }
        }
        double mean = Arrays.stream(q).average().orElse(up);
        double var = Arrays.stream(q).map(v -> (v - mean) * (v - mean)).sum() / (q.length - 1);
        double err = Math.sqrt(var / q.length);
        List<String> warnings = new ArrayList<>();
        if (out.maxRHat() > MAX_R_HAT) {
            warnings.add(String.format(Locale.ROOT, "MCMC chains disagree (Gelman-Rubin R-hat %.3f > %.2f):"
                    + " run longer chains", out.maxRHat(), MAX_R_HAT));
        }
        if (out.acceptanceRate() < 0.05) {
            warnings.add(String.format(Locale.ROOT, "MCMC acceptance rate %.3f is very low", out.acceptanceRate()));
        }
        String detail = String.format(Locale.ROOT, "adaptive Metropolis MCMC over %d parameters: %d chains x %d"
                + " samples after %d burn-in, acceptance %.3f, R-hat %.4f, effective sample size %.0f", free.length,
                o.chains(), o.samples(), o.burnIn(), out.acceptanceRate(), out.maxRHat(), out.effectiveSampleSize());
        return new BayesianResult(cl, up, err, Method.MCMC, detail,
                Optional.of(new BayesianResult.McmcDiagnostics(o.chains(), o.burnIn(), o.samples(),
                        out.acceptanceRate(), out.maxRHat(), out.effectiveSampleSize())), warnings);
    }

    // ---------------------------------------------------------------- expected limits

    /**
     * Expected limits from background-only pseudo-experiments generated at (0, θ̂̂(0)) of the observed
     * data (global observables randomised); toy i uses the stream (seed, background, i) and, for MCMC,
     * chains seeded from it, with half the burn-in and a fifth of the kept steps of the observed
     * limit's chains (at least 1,000 and 2,000). Toys run in parallel; a toy whose limit fails is counted and excluded.
     *
     * @param cl credibility level
     * @param toys number of toys, seed, threads, tolerated failed fraction, progress
     * @return the Φ(−2..2) quantiles of the toy limits
     * @throws ComputationException if more than the tolerated fraction of toys fail
     */
    public BayesianExpected expectedUpperLimits(double cl, ToyOptions toys) {
        Data observed = model.observed();
        ProfileLikelihood pl = new ProfileLikelihood(model, minimizer);
        double[] gen;
        if (pl.hasFreeNuisanceParameters()) {
            gen = pl.conditionalFit(observed, 0.0).values();
        } else {
            gen = model.parameters().inits();
            gen[model.parameters().poiIndex()] = 0.0;
        }
        int n = toys.toys();
        double[] limits = new double[n];
        AtomicLong done = new AtomicLong();
        long bKey = ToySeeds.hypothesisKey(0.0);
        Runnable work = () -> IntStream.range(0, n).parallel().forEach(i -> {
            limits[i] = toyLimit(gen, cl, toys.seed(), bKey, i);
            toys.progress().update(done.incrementAndGet(), n);
        });
        if (toys.threads() == 1) {
            for (int i = 0; i < n; i++) {
                limits[i] = toyLimit(gen, cl, toys.seed(), bKey, i);
                toys.progress().update(done.incrementAndGet(), n);
            }
        } else {
            ForkJoinPool pool = new ForkJoinPool(toys.threads());
            try {
                pool.submit(work).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComputationException("expected Bayesian limits interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new ComputationException("expected Bayesian limits failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdown();
            }
        }
        double[] ok = Arrays.stream(limits).filter(Double::isFinite).toArray();
        int failed = n - ok.length;
        if (failed > toys.maxFailedFraction() * n || ok.length == 0) {
            throw new ComputationException(String.format(Locale.ROOT, "%d of %d background-only toys failed their"
                    + " Bayesian limit, more than the tolerated %.1f%%", failed, n, 100 * toys.maxFailedFraction()));
        }
        Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        pct.setData(ok);
        double[] band = new double[ExpectedBand.SIZE];
        for (int k = 0; k < band.length; k++) {
            band[k] = pct.evaluate(100 * ExpectedBand.probability(k));
        }
        List<String> warnings = new ArrayList<>();
        if (failed > 0) {
            warnings.add(failed + " of " + n + " background-only toys failed their Bayesian limit and were excluded");
        }
        return new BayesianExpected(cl, ExpectedBand.of(band), ok.length, failed, warnings);
    }

    private double toyLimit(double[] gen, double cl, long seed, long key, int i) {
        Data toy = model.sample(gen, ToySeeds.rng(seed, key, i));
        // the spread of the toy limits dwarfs the chains' precision: shorter chains per toy
        McmcOptions o = mcmc.withSeed(ToySeeds.key(seed, EXPECTED_KEY, i)).withThreads(1)
                .withSteps(Math.max(1000, mcmc.burnIn() / 2), Math.max(2000, mcmc.samples() / 5))
                .withProgress(org.recoil.limits.calc.ProgressListener.NONE);
        try {
            return upperLimit(toy, cl, o).upperLimit();
        } catch (ComputationException e) { // includes FitFailedException
            return Double.NaN;
        }
    }
}
