package org.recoil.limits.bayes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.IntStream;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.hipparchus.stat.descriptive.rank.Percentile;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.HessianErrors;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.model.TwiceNllFunction;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.calc.ToySeeds;
import org.recoil.limits.model.PoiBoundedModel;
import org.recoil.limits.teststat.ProfileLikelihood;

/**
 * Bayesian credible upper limits on the parameter of interest (as Belle II's 2020 Z′ → invisible
 * search): the posterior p(μ | data) ∝ π(μ) ∫ L(μ, θ) dθ, with the HistFactory likelihood whose
 * constraint terms act as the priors of the nuisance parameters (flat "ur-priors" times the
 * constraint terms; Cranmer et al., CERN-OPEN-2012-016), and μ<sub>up</sub> solving
 * ∫ p(μ | data) dμ from the prior's lower end to μ<sub>up</sub> = CL.
 *
 * <p>The prior of μ is by default flat on the POI's declared bounds (pyhf's default [0, 10]); when
 * the posterior reaches the upper bound, the result says how much posterior mass a prior continued
 * beyond it would put there, and warns.
 *
 * <p>Marginalisation ({@link Method}):
 * <ul>
 *   <li>{@link Method#INTEGRATION}: nested adaptive Gauss–Kronrod quadrature ({@link GaussKronrod})
 *       over up to {@value #MAX_INTEGRATION_DIMENSIONS} free nuisance parameters, then over μ from
 *       the prior's lower end to where the profile likelihood has fallen by e<sup>−50</sup> (or the
 *       prior's upper end). The range of each nuisance parameter needs no fit error: it is bracketed
 *       by stepping outwards along the parameter from the free fit and from the conditional fit at
 *       the end of the μ range until −2 ln L has risen by {@value #TAIL_TWICE_NLL} (or a bound is
 *       met), joined with ± {@value #CONSTRAINT_RANGE} constraint widths around the constraint
 *       centre, within the parameter's bounds. This holds at zero observed events. The CL crossing
 *       is found in the quadrature's own partition by Brent root finding; the uncertainty comes from
 *       the quadrature error estimates.</li>
 *   <li>{@link Method#MCMC}: {@link HamiltonianMonteCarlo} Markov chains over μ and every free nuisance
 *       parameter, extended automatically until the split R̂ is below the target or the budget is
 *       spent; μ<sub>up</sub> is the CL quantile of the pooled μ samples; its Monte Carlo error is the
 *       spread of that quantile over batches of the chains.</li>
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
        /** Hamiltonian Monte Carlo Markov chains. */
        MCMC
    }

    /** Largest number of free nuisance parameters marginalised by quadrature. */
    public static final int MAX_INTEGRATION_DIMENSIONS = 2;

    /** Warn when the posterior mass a prior continued beyond its upper end would put there exceeds this. */
    public static final double MAX_MASS_ABOVE_PRIOR = 1e-6;

    private static final long EXPECTED_KEY = 0x42415945L; // "BAYE"
    private static final double TAIL_TWICE_NLL = 100.0;
    private static final double CONSTRAINT_RANGE = 12.0;
    private static final double INNER_FACTOR = 100.0;
    /** Relative quadrature tolerance for pseudo-experiments, whose spread dwarfs it. */
    private static final double TOY_TOLERANCE = 1e-5;
    /** Relative tolerance of the inner integrals of the posterior mass above the prior's upper end. */
    private static final double MASS_ABOVE_INNER_TOLERANCE = 1e-4;

    private final StatModel model;
    private final Minimizer minimizer;
    /** null: flat on the POI's declared bounds. */
    private final Prior prior;
    private final Method method;
    private final McmcOptions mcmc;
    private final double relativeTolerance;

    /**
     * A calculator with the flat prior on the POI's declared bounds, {@link Method#AUTO}, MCMC
     * defaults with seed 0 and quadrature relative tolerance 1e-10.
     *
     * @param model the model (with a parameter of interest)
     * @param minimizer the minimiser (for the mode and the integration range)
     */
    public BayesianCalculator(StatModel model, Minimizer minimizer) {
        this(model, minimizer, null, Method.AUTO, McmcOptions.defaults(0L), 1e-10);
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

    /** @param p the prior of the POI (replacing the flat prior on its declared bounds) @return a copy */
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
     * @return the prior of the POI in use: the one given, else the flat prior on the POI's declared bounds
     */
    public Prior prior() {
        if (prior != null) {
            return prior;
        }
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        return new FlatPrior(p.lower(poi), p.upper(poi));
    }

    /** @return whether the prior is the default one, flat on the POI's declared bounds */
    public boolean priorFromDeclaredBounds() {
        return prior == null;
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
     * @return the limit with its numerical or Monte Carlo uncertainty
     */
    public BayesianResult upperLimit(double cl) {
        return upperLimit(model.observed(), cl);
    }

    /**
     * Upper limit for a dataset.
     *
     * @param data the dataset
     * @param cl credibility level in (0, 1)
     * @return the limit with its numerical or Monte Carlo uncertainty
     * @throws ComputationException if the posterior cannot be computed (failed fit, improper posterior, ...)
     */
    public BayesianResult upperLimit(Data data, double cl) {
        return upperLimit(data, cl, resolvedMethod(), mcmc, relativeTolerance, false);
    }

    /**
     * @param limitOnly only the limit is wanted (a pseudo-experiment): the posterior mass a prior continued
     *        beyond its upper end would put there, which only feeds a warning, is not computed
     */
    private BayesianResult upperLimit(Data data, double cl, Method how, McmcOptions chainOptions, double tol,
                                      boolean limitOnly) {
        if (!(cl > 0 && cl < 1)) {
            throw new InvalidInputException("credibility level must lie in (0, 1), got " + cl);
        }
        Prior pr = prior();
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        // mode: free fit with the POI restricted to the prior's support
        double fitUpper = Double.isFinite(pr.upper()) ? pr.upper() : Math.max(p.upper(poi), pr.lower() + 1);
        StatModel bounded = PoiBoundedModel.withPoiBounds(model, pr.lower(), fitUpper);
        FitResult mode = new ProfileLikelihood(bounded, minimizer).freeFit(data);
        return how == Method.INTEGRATION ? integrate(data, cl, mode, pr, tol, limitOnly)
                : sample(data, cl, withErrors(bounded, data, mode), pr, chainOptions, limitOnly);
    }

    private static FitResult withErrors(StatModel bounded, Data data, FitResult mode) {
        if (Arrays.stream(mode.errors()).allMatch(Double::isFinite)) {
            return mode;
        }
        // the minimiser skipped the errors: the MCMC proposal starts from the covariance (non-finite
        // entries are replaced there)
        return HessianErrors.withErrors(bounded, data, mode.values(), bounded.parameters().fixed(), mode.twiceNll(),
                mode.status(), mode.iterations(), mode.message());
    }

    // ---------------------------------------------------------------- integration

    /**
     * The unnormalised marginal posterior π(μ) ∫ exp(−(twiceNll − m0)/2) dθ by nested quadrature;
     * one instance per thread (it reuses a scratch parameter vector).
     */
    private static final class Marginal implements DoubleUnaryOperator {
        private final Prior prior;
        private final TwiceNllFunction f;
        private final double m0;
        private final int poi;
        private final int[] nuis;
        private final double[][] breaks;
        private final double[] x;
        private final GaussKronrod[] inner;
        /** log prior density used beyond the prior's upper end (NaN: none, the prior vanishes there) */
        private double beyondLogDensity = Double.NaN;
        /**
         * Values already computed, by μ: the root finding revisits the Kronrod nodes of the crossing piece,
         * each of which costs a full nested integral.
         */
        private final Map<Double, Double> memo = new HashMap<>();

        Marginal(Prior prior, TwiceNllFunction f, double m0, int poi, int[] nuis, double[][] breaks, double[] start,
                 double rel) {
            this.prior = prior;
            this.f = f;
            this.m0 = m0;
            this.poi = poi;
            this.nuis = nuis;
            this.breaks = breaks;
            this.x = start.clone();
            this.inner = new GaussKronrod[nuis.length];
            // tolerances per level: relative `rel`, absolute at that fraction of the level's value at the
            // mode (so that far tails are not resolved needlessly)
            for (int j = nuis.length - 1; j >= 0; j--) {
                inner[j] = new GaussKronrod(Math.max(1e-6, rel), 0, 4000);
                double scaleAtMode = level(j);
                inner[j] = new GaussKronrod(rel, rel * scaleAtMode, 4000);
            }
        }

        private Marginal(Marginal o, TwiceNllFunction f) {
            this.prior = o.prior;
            this.f = f;
            this.m0 = o.m0;
            this.poi = o.poi;
            this.nuis = o.nuis;
            this.breaks = o.breaks;
            this.x = o.x.clone();
            this.inner = o.inner; // immutable, same tolerances
            this.beyondLogDensity = o.beyondLogDensity;
        }

        /**
         * Computes the marginal at the Kronrod nodes of {@code pieces} equal pieces of [a, b] (the initial
         * partition of {@link GaussKronrod#integrate(DoubleUnaryOperator, double, double, int)}, bit for bit)
         * on {@code threads} threads, each with its own copy and likelihood function, into the memo: the
         * values do not depend on the thread that computed them.
         */
        void prefetch(double a, double b, int pieces, int threads, StatModel model, Data data) {
            if (threads < 2) {
                return;
            }
            double[] mus = new double[15 * pieces];
            for (int i = 0; i < pieces; i++) {
                double lo = a + (b - a) * i / pieces;
                double hi = i + 1 == pieces ? b : a + (b - a) * (i + 1) / pieces;
                System.arraycopy(GaussKronrod.nodes(lo, hi), 0, mus, 15 * i, 15);
            }
            double[] values = new double[mus.length];
            ForkJoinPool pool = new ForkJoinPool(threads);
            try {
                pool.submit(() -> IntStream.range(0, threads).parallel().forEach(t -> {
                    Marginal m = new Marginal(this, model.twiceNllFunction(data));
                    for (int k = t; k < mus.length; k += threads) {
                        values[k] = m.compute(mus[k]);
                    }
                })).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ComputationException("Bayesian integration interrupted", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException r) {
                    throw r;
                }
                throw new ComputationException("Bayesian integration failed: " + e.getCause(), e.getCause());
            } finally {
                pool.shutdown();
            }
            for (int k = 0; k < mus.length; k++) {
                memo.put(mus[k], values[k]);
            }
        }

        /** Continues the prior beyond its upper end with its density there (for the truncation check). */
        Marginal continuedBeyond(double upper) {
            beyondLogDensity = prior.logDensity(upper);
            memo.clear();
            return this;
        }

        @Override
        public double applyAsDouble(double mu) {
            Double known = memo.get(mu);
            if (known != null) {
                return known;
            }
            double v = compute(mu);
            memo.put(mu, v);
            return v;
        }

        private double compute(double mu) {
            double lp = mu > prior.upper() && !Double.isNaN(beyondLogDensity) ? beyondLogDensity
                    : prior.logDensity(mu);
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
            }, breaks[j]);
            x[i] = keep;
            return r.value();
        }
    }

    /**
     * The end of the μ range: the first point (doubling the distance from {@code from}) where the
     * profile −2 ln L exceeds its minimum {@code m0} by {@value #TAIL_TWICE_NLL}, or {@code cap}.
     *
     * @param end the end
     * @param values the conditional fit there (an anchor of the nuisance-parameter ranges)
     * @param fallen whether the profile had fallen there (false: the cap was reached first)
     */
    private record Tail(double end, double[] values, boolean fallen) {
    }

    private Tail tail(Data data, FitResult mode, double m0, double from, double cap) {
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        ProfileLikelihood pl = new ProfileLikelihood(model, minimizer);
        double muHat = mode.value(poi);
        double err = mode.error(poi);
        double step = err > 0 && Double.isFinite(err) ? err : Math.max(1e-3, 0.1 * Math.abs(muHat) + 0.1);
        double t = Math.max(muHat, from) + step;
        double[] start = mode.values();
        for (int k = 0; k < 80; k++) {
            boolean atCap = t >= cap;
            if (atCap) {
                t = cap;
            }
            double[] v = pl.hasFreeNuisanceParameters() ? pl.conditionalFit(data, t, start).values()
                    : withPoi(mode.values(), poi, t);
            double twiceNll = model.twiceNll(v, data);
            if (twiceNll - m0 > TAIL_TWICE_NLL) {
                return new Tail(t, v, true);
            }
            if (atCap) {
                return new Tail(t, v, false);
            }
            start = v;
            t = from + 2 * (t - from);
        }
        throw new ComputationException("Bayesian integration: the likelihood of " + p.names().get(poi)
                + " does not fall off up to " + t + ": the posterior is improper with this prior");
    }

    /**
     * Break points of the integration range of each free nuisance parameter, found without fit errors:
     * from each anchor (free fit, conditional fit at the end of the μ range) step outwards along the
     * parameter, doubling the step, until −2 ln L has risen by {@value #TAIL_TWICE_NLL} or a bound is met;
     * join with ± {@value #CONSTRAINT_RANGE} constraint widths around the constraint centre (HistFactory
     * models); clip to the bounds. The free fit's value is the interior break point.
     */
    private double[][] nuisanceBreaks(TwiceNllFunction f, int[] nuis, FitResult mode, double[]... anchors) {
        Parameters p = model.parameters();
        double[][] breaks = new double[nuis.length][];
        for (int j = 0; j < nuis.length; j++) {
            int i = nuis[j];
            double lower = p.lower(i);
            double upper = p.upper(i);
            double width = Double.NaN;
            List<Double> points = new ArrayList<>();
            if (model instanceof HistFactoryModel hf && Double.isFinite(hf.constraintWidth(i))
                    && hf.constraintWidth(i) > 0) {
                width = hf.constraintWidth(i);
                double c = hf.constraintCentre(i);
                points.add(c);
                points.add(c - CONSTRAINT_RANGE * width);
                points.add(c + CONSTRAINT_RANGE * width);
            }
            if (!(width > 0)) {
                double err = mode.error(i);
                width = err > 0 && Double.isFinite(err) ? err : 1e-2 * Math.max(1.0, Math.abs(mode.value(i)));
            }
            for (double[] anchor : anchors) {
                double f0 = f.value(anchor);
                if (!Double.isFinite(f0)) {
                    continue;
                }
                points.add(anchor[i]);
                points.add(walk(f, anchor, i, f0, width, upper));
                points.add(walk(f, anchor, i, f0, -width, lower));
            }
            double lo = points.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            double hi = points.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
            lo = Math.max(lower, lo);
            hi = Math.min(upper, hi);
            if (!(lo < hi)) {
                throw new ComputationException("Bayesian integration: no integration range for nuisance parameter '"
                        + p.names().get(i) + "' (the likelihood is not finite at the fits)");
            }
            // the free fit's value as the one interior break point: the peak then lies where the
            // Kronrod nodes of both pieces cluster
            double m = mode.value(i);
            breaks[j] = m > lo && m < hi ? new double[] {lo, m, hi} : new double[] {lo, hi};
        }
        return breaks;
    }

    /** Steps from the anchor along parameter i by step, 2 step, 4 step, ... until the rise or the bound. */
    private static double walk(TwiceNllFunction f, double[] anchor, int i, double f0, double step, double bound) {
        double[] x = anchor.clone();
        double s = step;
        for (int k = 0; k < 200; k++) {
            double t = anchor[i] + s;
            if (step > 0 ? t >= bound : t <= bound) {
                return bound;
            }
            x[i] = t;
            double v = f.value(x);
            if (!(v - f0 <= TAIL_TWICE_NLL)) { // risen far enough, or left the likelihood's domain
                return t;
            }
            s *= 2;
        }
        return bound;
    }

    private double innerTolerance(double tol) {
        // pseudo-experiments: QUADPACK's error estimate is pessimistic (the true error of a converged
        // K15 piece is far below it), so 1e-2 estimated keeps the toy limits within ~1e-6 of tighter runs
        return tol >= TOY_TOLERANCE ? 1e-2 : Math.min(1e-6, INNER_FACTOR * tol);
    }

    private BayesianResult integrate(Data data, double cl, FitResult mode, Prior pr, double tol, boolean limitOnly) {
        Parameters p = model.parameters();
        int poi = p.poiIndex();
        int[] nuis = freeNuisances();
        double m0 = mode.twiceNll();
        double a = pr.lower();
        Tail end = tail(data, mode, m0, a, pr.upper());
        TwiceNllFunction f = model.twiceNllFunction(data);
        double[][] breaks = nuisanceBreaks(f, nuis, mode, mode.values(), end.values());
        Marginal marginal = new Marginal(pr, f, m0, poi, nuis, breaks, mode.values(), innerTolerance(tol));
        double b = end.end();
        GaussKronrod outer = new GaussKronrod(tol, 1e-300, 20000);
        // pseudo-experiments (looser tolerance): fewer starting pieces and a coarser root
        boolean coarse = tol >= TOY_TOLERANCE;
        int initialPieces = coarse ? 3 : 16;
        marginal.prefetch(a, b, initialPieces, coarse ? 1 : mcmc.threads(), model, data);
        GaussKronrod.Result total = outer.integrate(marginal, a, b, initialPieces);
        if (!(total.value() > 0)) {
            throw new ComputationException("Bayesian integration: the posterior of " + p.names().get(poi)
                    + " integrates to " + total.value() + " on [" + a + ", " + b + "]");
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
        final GaussKronrod.Piece seg = crossing;
        // quadrature errors of the outer integral, plus the inner integrals' relative error (which can
        // shift the normalised cumulative by at most twice that)
        double innerErr = nuis.length > 0 ? 2 * nuis.length * innerTolerance(tol) * total.value() : 0.0;
        double quadErr = cumErr + seg.error() + cl * total.error();
        // the root is resolved to 1e-14 relative (pseudo-experiments: 1e-7), or to a hundredth of the
        // stated error (in units of the cumulative; pseudo-experiments: of the outer quadrature's), below
        // which the cumulative's own numerical noise makes further steps meaningless
        Root root = coarse ? crossing(marginal, seg, target - cum, 1e-7, 0.01 * quadErr)
                : crossing(marginal, seg, target - cum, 1e-14, 0.01 * (quadErr + innerErr));
        double up = root.at();
        double density = root.density();
        double err = (quadErr + innerErr) / Math.max(density, Double.MIN_NORMAL);
        err = Math.min(err, seg.b() - seg.a()) + 1e-14 * Math.abs(up);
        List<String> warnings = new ArrayList<>();
        double above = 0;
        if (limitOnly) {
            above = Double.NaN; // not computed: only the limit of a pseudo-experiment is wanted
        } else if (!end.fallen()) {
            // the share is reported to 3 digits and compared with 1e-6: inner integrals to an estimated
            // 1e-4 suffice there (the limit's own marginal keeps its tolerance)
            Marginal coarseMarginal = nuis.length == 0 ? marginal
                    : new Marginal(pr, f, m0, poi, nuis, breaks, mode.values(), MASS_ABOVE_INNER_TOLERANCE);
            above = massAbove(data, mode, m0, coarseMarginal, b, total.value());
            if (above > MAX_MASS_ABOVE_PRIOR) {
                warnings.add(truncationWarning(pr, above, up));
            }
        }
        String detail = String.format(Locale.ROOT, "adaptive Gauss-Kronrod (G7/K15) quadrature over %s on [%s, %.6g],"
                + " %d nuisance parameter(s) marginalised, %d subintervals, relative integral error %.2e",
                p.names().get(poi), num(a), b, nuis.length, total.pieces().size(), total.error() / total.value());
        return new BayesianResult(cl, up, err, Method.INTEGRATION, detail, pr.lower(), pr.upper(), above,
                Optional.empty(), warnings);
    }

    /** The credible limit and the marginal posterior density there. */
    private record Root(double at, double density) {
    }

    /**
     * Solves ∫ from seg.a to t of the marginal = {@code need} for t in the crossing piece: first on the
     * degree-14 polynomial through the marginal at the piece's 15 Kronrod nodes (already computed by the
     * quadrature, hence free), then safeguarded Newton steps on the true cumulative (a K15 rule from seg.a
     * to t, and the marginal at t as its derivative) until a step is below {@code relX} |t| or
     * {@code cumulativeTol} / density. Newton
     * converges quadratically from the interpolant's root, so this costs one or two K15 rules instead of
     * the dozen of a bracketing solver.
     */
    private static Root crossing(Marginal marginal, GaussKronrod.Piece seg, double need, double relX,
                                 double cumulativeTol) {
        double a = seg.a();
        double lo = a;
        double hi = seg.b();
        double[] nodes = GaussKronrod.nodes(a, hi);
        double[] values = new double[nodes.length];
        for (int k = 0; k < nodes.length; k++) {
            values[k] = marginal.applyAsDouble(nodes[k]);
        }
        DoubleUnaryOperator poly = GaussKronrod.interpolant(nodes, values);
        // the interpolant's root (no marginal evaluations): bisection-safeguarded Newton
        double t = lo + (hi - lo) * Math.min(1, Math.max(0, need / seg.value()));
        double pLo = lo;
        double pHi = hi;
        for (int k = 0; k < 100; k++) {
            double g = GaussKronrod.rule(poly, a, t).value() - need;
            if (g > 0) {
                pHi = t;
            } else {
                pLo = t;
            }
            double d = poly.applyAsDouble(t);
            double next = d > 0 ? t - g / d : Double.NaN;
            if (!(next > pLo && next < pHi)) {
                next = 0.5 * (pLo + pHi);
            }
            boolean done = Math.abs(next - t) <= 1e-15 * Math.abs(t) || pHi - pLo <= 1e-15 * Math.abs(t);
            t = next;
            if (done) {
                break;
            }
        }
        // Newton on the true cumulative
        double density = Double.NaN;
        for (int k = 0; k < 60; k++) {
            double g = (t > a ? GaussKronrod.rule(marginal, a, t).value() : 0.0) - need;
            density = marginal.applyAsDouble(t);
            if (g == 0) {
                break;
            }
            if (g > 0) {
                hi = t;
            } else {
                lo = t;
            }
            double next = density > 0 ? t - g / density : Double.NaN;
            if (!(next > lo && next < hi)) {
                next = 0.5 * (lo + hi);
            }
            double xtol = Math.max(relX * Math.abs(t), density > 0 ? cumulativeTol / density : 0);
            boolean done = Math.abs(next - t) <= xtol || hi - lo <= xtol;
            t = next;
            if (done) {
                break;
            }
        }
        return new Root(t, density);
    }

    /**
     * The fraction of the posterior mass above the prior's upper end {@code b} if the prior continued
     * beyond it with its density there: ∫ from b to where the profile has fallen, over the total.
     */
    private double massAbove(Data data, FitResult mode, double m0, Marginal marginal, double b, double inside) {
        Tail far = tail(data, mode, m0, b, Double.POSITIVE_INFINITY);
        if (!(far.end() > b)) {
            return 0;
        }
        GaussKronrod coarse = new GaussKronrod(1e-6, 1e-300, 20000);
        Marginal continued = marginal.continuedBeyond(b);
        continued.prefetch(b, far.end(), 16, mcmc.threads(), model, data);
        double beyond = coarse.integrate(continued, b, far.end(), 16).value();
        double frac = beyond / (beyond + inside);
        return frac < 1e-12 ? 0.0 : frac;
    }

    private String truncationWarning(Prior pr, double above, double up) {
        String poiName = model.parameters().names().get(model.parameters().poiIndex());
        String range = prior == null ? pr.description() + " (the declared bounds of " + poiName + ")"
                : pr.description();
        String share = Double.isNaN(above) ? "a non-negligible share"
                : String.format(Locale.ROOT, "%.3g%%", 100 * above);
        return String.format(Locale.ROOT, "the prior of %s, %s, truncates the posterior: continued above %s it would"
                + " put %s of the posterior mass there; the limit %.6g is the quantile within the range (widen the"
                + " bounds of %s to remove the truncation)", poiName, range, num(pr.upper()), share, up, poiName);
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static double[] withPoi(double[] v, int poi, double mu) {
        double[] x = v.clone();
        x[poi] = mu;
        return x;
    }

    // ---------------------------------------------------------------- MCMC

    private BayesianResult sample(Data data, double cl, FitResult mode, Prior pr, McmcOptions o, boolean limitOnly) {
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
        if (limitOnly) {
            // pseudo-experiments: short chains, whose few warm-up samples would estimate a covariance of
            // many parameters worse than the fit does; the metric is the diagonal of the fit's covariance
            // (Stan's default form, O(d) per leapfrog step instead of O(d²)) and only the step size adapts
            for (int r = 0; r < cov.length; r++) {
                for (int c = 0; c < cov.length; c++) {
                    if (r != c) {
                        cov[r][c] = 0;
                    }
                }
            }
        }
        HamiltonianMonteCarlo.Output out = HamiltonianMonteCarlo.sample(model, data, pr, mode.values(), cov, free, o,
                !limitOnly);
        double[] pooled = Arrays.stream(out.poiSamples()).flatMapToDouble(Arrays::stream).toArray();
        Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        double up = pct.evaluate(pooled, 100 * cl);
        // Monte Carlo error: spread of the quantile over 10 contiguous batches per chain
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
        if (!out.converged()) {
            warnings.add(String.format(Locale.ROOT, "MCMC chains did not converge: split R-hat %.3f >= %.3f after %d"
                    + " kept steps per chain (the budget); raise --max-chain-length or --chain-length", out.maxRHat(),
                    o.targetRHat(), out.samplesPerChain()));
        }
        if (out.acceptanceRate() < 0.05) {
            warnings.add(String.format(Locale.ROOT, "MCMC acceptance rate %.3f is very low", out.acceptanceRate()));
        }
        double above = Double.NaN;
        if (Double.isFinite(pr.upper())) {
            // share of the samples in the top 1% of the range: the posterior reaches the upper end
            double edge = pr.upper() - 0.01 * (pr.upper() - pr.lower());
            double share = Arrays.stream(pooled).filter(v -> v >= edge).count() / (double) pooled.length;
            if (share > 1e-3) {
                warnings.add(truncationWarning(pr, Double.NaN, up));
            } else {
                above = 0.0;
            }
        }
        String detail = String.format(Locale.ROOT, "Hamiltonian Monte Carlo over %d parameters: %d chains x %d"
                + " samples after %d burn-in, acceptance %.3f, split R-hat %.4f, effective sample size %.0f",
                free.length, o.chains(), out.samplesPerChain(), o.burnIn(), out.acceptanceRate(), out.maxRHat(),
                out.effectiveSampleSize());
        return new BayesianResult(cl, up, err, Method.MCMC, detail, pr.lower(), pr.upper(), above,
                Optional.of(new BayesianResult.McmcDiagnostics(o.chains(), o.burnIn(), out.samplesPerChain(),
                        o.samples(), o.maxSamples(), out.acceptanceRate(), out.maxRHat(), o.targetRHat(),
                        out.converged(), out.effectiveSampleSize())), warnings);
    }

    // ---------------------------------------------------------------- expected limits

    /**
     * Whether the expected band is computed exactly: one main bin and no free nuisance parameter, so
     * that the limit depends on the count n only and grows with it.
     *
     * @return true for single-bin models with known background
     */
    public boolean exactBand() {
        return model.mainSize() == 1 && freeNuisances().length == 0;
    }

    /**
     * Expected limits under the background-only hypothesis.
     *
     * <p>For a single-bin model without free nuisance parameters ({@link #exactBand()}) the limit is a
     * non-decreasing function of the count n, so its quantile at probability p is the limit at the
     * Poisson quantile of n (the smallest n with P(N ≤ n) ≥ p, N ~ Poisson(b)): exact, from five limits.
     *
     * <p>Otherwise: background-only pseudo-experiments generated at (0, θ̂̂(0)) of the observed data
     * (global observables randomised); toy i uses the stream (seed, background, i) and, for MCMC, 2 chains
     * seeded from it with a fifth of the burn-in and a twentieth of the kept steps of the observed limit's
     * chains (at least 200 and 500), the same budget ratio and R̂ target, and as metric the diagonal of
     * the toy's fit covariance (not re-estimated from the few warm-up samples; the step size still adapts). Quadrature uses a relative tolerance of at
     * most 1e-5 per toy (an estimated 1e-2 for the inner integrals, whose true error is far smaller),
     * starting from 3 pieces of the μ range, and skips the posterior mass above the prior's upper end
     * (it only feeds a warning, which toys do not report). No toy is dropped: one whose quadrature fails
     * is marginalised by MCMC instead;
     * if that fails too the band fails, naming the toy. Each quantile carries its Monte Carlo error.
     *
     * @param cl credibility level
     * @param toys number of toys, seed, threads, progress (the tolerated failed fraction is not used)
     * @return the Φ(−2..2) quantiles of the limit and their uncertainties
     * @throws ComputationException if a toy's limit cannot be computed
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
        if (exactBand()) {
            return exactExpected(cl, gen, observed);
        }
        int n = toys.toys();
        if (n < 2) {
            throw new InvalidInputException("the Bayesian expected band needs at least 2 pseudo-experiments, got " + n);
        }
        double[] limits = new double[n];
        boolean[] viaMcmc = new boolean[n];
        AtomicLong done = new AtomicLong();
        long bKey = ToySeeds.hypothesisKey(0.0);
        Runnable work = () -> IntStream.range(0, n).parallel().forEach(i -> {
            limits[i] = toyLimit(gen, cl, toys.seed(), bKey, i, viaMcmc);
            toys.progress().update(done.incrementAndGet(), n);
        });
        if (toys.threads() == 1) {
            work = () -> {
                for (int i = 0; i < n; i++) {
                    limits[i] = toyLimit(gen, cl, toys.seed(), bKey, i, viaMcmc);
                    toys.progress().update(done.incrementAndGet(), n);
                }
            };
            work.run();
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
        double[] sorted = limits.clone();
        Arrays.sort(sorted);
        Percentile pct = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
        pct.setData(sorted);
        double[] band = new double[ExpectedBand.SIZE];
        double[] unc = new double[ExpectedBand.SIZE];
        for (int k = 0; k < band.length; k++) {
            double prob = ExpectedBand.probability(k);
            band[k] = pct.evaluate(100 * prob);
            unc[k] = quantileError(sorted, prob);
        }
        List<String> warnings = new ArrayList<>();
        int switched = 0;
        for (boolean b : viaMcmc) {
            switched += b ? 1 : 0;
        }
        if (switched > 0) {
            warnings.add(switched + " of " + n + " background-only pseudo-experiments were marginalised by MCMC"
                    + " because their quadrature failed");
        }
        return new BayesianExpected(cl, ExpectedBand.of(band), ExpectedBand.of(unc), false, n, warnings);
    }

    /**
     * Monte Carlo error of the sample p-quantile of N sorted values: half the distance between the order
     * statistics at ranks Np ∓ √(Np(1−p)) (the ±1σ binomial spread of the number of values below the
     * quantile; distribution-free, e.g. Wilks, "Mathematical Statistics", Sec. 11.2).
     */
    static double quantileError(double[] sorted, double p) {
        int n = sorted.length;
        double sd = Math.sqrt(n * p * (1 - p));
        int lo = (int) Math.min(n - 1, Math.max(0, Math.floor(n * p - sd) - 1));
        int hi = (int) Math.min(n - 1, Math.max(0, Math.ceil(n * p + sd) - 1));
        return 0.5 * (sorted[hi] - sorted[lo]);
    }

    private BayesianExpected exactExpected(double cl, double[] gen, Data observed) {
        double nu = model.expectedMain(gen)[0];
        if (!(nu > 0) || !Double.isFinite(nu)) {
            throw new ComputationException("exact Bayesian expected band: the background-only expectation of the bin"
                    + " is " + nu + "; expected a positive finite count");
        }
        PoissonDistribution poisson = PoissonDistribution.of(nu);
        double[] band = new double[ExpectedBand.SIZE];
        double[] unc = new double[ExpectedBand.SIZE];
        for (int k = 0; k < band.length; k++) {
            int count = poisson.inverseCumulativeProbability(ExpectedBand.probability(k));
            BayesianResult r = k > 0 && count == poissonCount(poisson, k - 1) ? null
                    : upperLimit(observed.withMain(new double[] {count}), cl, resolvedMethod(), mcmc,
                            relativeTolerance, true);
            band[k] = r == null ? band[k - 1] : r.upperLimit();
            unc[k] = r == null ? unc[k - 1] : r.uncertainty();
        }
        return new BayesianExpected(cl, ExpectedBand.of(band), ExpectedBand.of(unc), true, 0, List.of());
    }

    private static int poissonCount(PoissonDistribution poisson, int k) {
        return poisson.inverseCumulativeProbability(ExpectedBand.probability(k));
    }

    private double toyLimit(double[] gen, double cl, long seed, long key, int i, boolean[] viaMcmc) {
        Data toy = model.sample(gen, ToySeeds.rng(seed, key, i));
        // the spread of the toy limits dwarfs the chains' precision: shorter chains per toy
        int keep = Math.max(500, mcmc.samples() / 20);
        long budget = (long) keep * Math.max(1, mcmc.maxSamples() / mcmc.samples());
        McmcOptions o = mcmc.withSeed(ToySeeds.key(seed, EXPECTED_KEY, i)).withThreads(1).withChains(2)
                .withSteps(Math.max(200, mcmc.burnIn() / 5), keep).withMaxSamples((int) Math.min(budget, 1 << 30))
                .withProgress(ProgressListener.NONE);
        double tol = Math.max(relativeTolerance, TOY_TOLERANCE);
        Method how = resolvedMethod();
        try {
            return upperLimit(toy, cl, how, o, tol, true).upperLimit();
        } catch (ComputationException e) { // includes FitFailedException
            if (how == Method.MCMC) {
                throw toyFailure(i, seed, e);
            }
            viaMcmc[i] = true;
            try {
                return upperLimit(toy, cl, Method.MCMC, o, tol, true).upperLimit();
            } catch (ComputationException e2) {
                throw toyFailure(i, seed, e2);
            }
        }
    }

    private static ComputationException toyFailure(int i, long seed, ComputationException e) {
        return new ComputationException("Bayesian expected band: the limit of background-only pseudo-experiment " + i
                + " (seed " + seed + ") could not be computed: " + e.getMessage(), e);
    }
}
