package org.recoil.limits.interval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.hipparchus.analysis.solvers.AllowedSolution;
import org.hipparchus.analysis.solvers.BracketingNthOrderBrentSolver;
import org.hipparchus.exception.MathIllegalStateException;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.Parameters;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.limits.calc.HypoTestCalculator;
import org.recoil.limits.calc.HypoTestResult;

/**
 * The CLs upper limit on the parameter of interest (Read, J. Phys. G 28 (2002) 2693): the smallest
 * μ with CLs(μ) = α = 1 − CL, for the observed CLs curve and for each of the five expected CLs
 * curves (the expected limits; Cowan et al., arXiv:1007.1727, Sec. 4.2). Works with any
 * {@link HypoTestCalculator}.
 *
 * <p>Search, as pyhf's {@code toms748_scan} but with Hipparchus' {@link BracketingNthOrderBrentSolver}:
 * <ol>
 *   <li>the lower end is μ = 0, where signal-plus-background and background-only coincide and
 *       CLs = 1 on every curve (not evaluated); for a POI lower bound above 0 the lower end is that
 *       bound, halved while any curve is already below α there;</li>
 *   <li>the upper end is the POI upper bound, doubled while any curve is still above α there
 *       (conditional fits widen the POI range for that; at most {@link #withMaxWidenings} times),
 *       else a {@link ComputationException} says the data do not exclude any μ in range;</li>
 *   <li>each curve's root is bracketed by the first sign change among all hypothesis tests computed
 *       so far (a memo cache shared by the six searches); when the results carry asymptotic details
 *       (σ of μ̂), the bracket is first narrowed by up to two evaluations at the crossing the
 *       asymptotic formulae predict from the nearest result: μ<sub>N</sub> = σ(Φ<sup>−1</sup>(1 − αΦ(N)) + N)
 *       for the expected curve at N σ (Cowan et al., Sec. 4.2) and μ = μ̂ + σΦ<sup>−1</sup>(1 − αΦ(μ̂/σ))
 *       for the observed one; then the root is solved to the requested accuracy.</li>
 * </ol>
 * Immutable; {@link #compute} is thread-safe.
 */
public final class UpperLimit {

    /** The default confidence level, 90% (Belle II's convention). */
    public static final double DEFAULT_CL = 0.90;

    private static final int CURVES = 1 + ExpectedBand.SIZE;
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final String[] CURVE_NAMES = {"observed", "expected -2 sigma", "expected -1 sigma",
        "expected median", "expected +1 sigma", "expected +2 sigma"};

    private final double cl;
    private final double relativeAccuracy;
    private final double absoluteAccuracy;
    private final int maxWidenings;
    private final int maxEvaluations;

    private UpperLimit(double cl, double relativeAccuracy, double absoluteAccuracy, int maxWidenings,
                       int maxEvaluations) {
        if (!(cl > 0 && cl < 1)) {
            throw new InvalidInputException("confidence level must lie in (0, 1), got " + cl);
        }
        if (!(relativeAccuracy > 0) || !(absoluteAccuracy > 0) || maxWidenings < 0 || maxEvaluations < 1) {
            throw new InvalidInputException("upper-limit accuracies must be > 0 and budgets positive");
        }
        this.cl = cl;
        this.relativeAccuracy = relativeAccuracy;
        this.absoluteAccuracy = absoluteAccuracy;
        this.maxWidenings = maxWidenings;
        this.maxEvaluations = maxEvaluations;
    }

    /**
     * @param cl confidence level in (0, 1), e.g. 0.90 or 0.95
     * @return a search with default accuracy (relative 1e-6, absolute 1e-9 on μ), up to 10
     *         doublings of the upper bound and 100 root-finder evaluations per curve
     */
    public static UpperLimit atCl(double cl) {
        return new UpperLimit(cl, 1e-6, 1e-9, 10, 100);
    }

    /** @return the search at the default 90% CL */
    public static UpperLimit defaults() {
        return atCl(DEFAULT_CL);
    }

    /**
     * @param relative relative accuracy on μ of each root
     * @param absolute absolute accuracy on μ of each root
     * @return a copy with these accuracies
     */
    public UpperLimit withAccuracy(double relative, double absolute) {
        return new UpperLimit(cl, relative, absolute, maxWidenings, maxEvaluations);
    }

    /**
     * @param n how many times the upper end of the bracket may be doubled beyond the POI upper bound
     * @return a copy with this budget
     */
    public UpperLimit withMaxWidenings(int n) {
        return new UpperLimit(cl, relativeAccuracy, absoluteAccuracy, n, maxEvaluations);
    }

    /** @return the confidence level */
    public double cl() {
        return cl;
    }

    /**
     * Runs the search.
     *
     * @param calculator the hypothesis-test calculator
     * @return the observed and expected limits with every hypothesis test computed
     * @throws ComputationException if a curve has no crossing in range, or a hypothesis test fails
     */
    public UpperLimitResult compute(HypoTestCalculator calculator) {
        return new Search(calculator).run();
    }

    /** @return alpha rounded for messages (0.1, 0.05) */
    private static String level(double alpha) {
        return java.math.BigDecimal.valueOf(alpha).round(new java.math.MathContext(6)).stripTrailingZeros()
                .toPlainString();
    }

    private static double curve(HypoTestResult r, int k) {
        return k == 0 ? r.cls() : r.clsExpected().get(k - 1);
    }

    /** One search with its memo cache of hypothesis tests. */
    private final class Search {
        private final HypoTestCalculator calculator;
        private final TreeMap<Double, HypoTestResult> cache = new TreeMap<>();
        private final double alpha = 1 - cl;
        private final String poiName;

        Search(HypoTestCalculator calculator) {
            this.calculator = calculator;
            Parameters p = calculator.model().parameters();
            this.poiName = p.names().get(p.poiIndex());
        }

        HypoTestResult at(double mu) {
            HypoTestResult r = cache.get(mu);
            if (r == null) {
                r = calculator.hypotest(mu);
                for (int k = 0; k < CURVES; k++) {
                    if (!(curve(r, k) >= 0)) {
                        throw new ComputationException("CLs (" + CURVE_NAMES[k] + ") at " + poiName + " = " + mu
                                + " is not a number");
                    }
                }
                cache.put(mu, r);
            }
            return r;
        }

        double f(double mu, int k) {
            return mu == 0.0 ? 1.0 - alpha : curve(at(mu), k) - alpha;
        }

        boolean anyBelow(HypoTestResult r) {
            for (int k = 0; k < CURVES; k++) {
                if (curve(r, k) < alpha) {
                    return true;
                }
            }
            return false;
        }

        boolean anyAbove(HypoTestResult r) {
            for (int k = 0; k < CURVES; k++) {
                if (curve(r, k) > alpha) {
                    return true;
                }
            }
            return false;
        }

        UpperLimitResult run() {
            Parameters p = calculator.model().parameters();
            int poi = p.poiIndex();
            double lowerBound = p.lower(poi);
            double upperBound = p.upper(poi);
            if (!(upperBound > 0) || !Double.isFinite(upperBound)) {
                throw new InvalidInputException("the upper bound of " + poiName + " must be finite and > 0 for an"
                        + " upper-limit search, got " + upperBound);
            }
            Set<String> warnings = new LinkedHashSet<>();
            double lo = Math.max(lowerBound, 0.0);
            if (lo > 0) {
                int halvings = 0;
                while (anyBelow(at(lo))) {
                    if (++halvings > 30) {
                        throw new ComputationException("CLs is below " + level(alpha)
                                + " already at " + poiName + " = " + lo
                                + ": no upper limit above 0");
                    }
                    lo /= 2;
                }
            }
            double hi = Math.max(upperBound, lo * 2);
            int widenings = 0;
            while (anyAbove(at(hi))) {
                if (widenings++ >= maxWidenings) {
                    HypoTestResult r = at(hi);
                    StringBuilder which = new StringBuilder();
                    for (int k = 0; k < CURVES; k++) {
                        if (curve(r, k) > alpha) {
                            which.append(which.length() == 0 ? "" : ", ").append(CURVE_NAMES[k])
                                    .append(String.format(Locale.ROOT, " CLs = %.4g", curve(r, k)));
                        }
                    }
                    throw new ComputationException("no CLs = " + level(alpha)
                            + " crossing up to " + poiName + " = " + hi
                            + " (" + maxWidenings + " doublings of the upper bound " + upperBound + "): " + which
                            + "; the data do not constrain " + poiName);
                }
                hi *= 2;
            }
            if (hi > upperBound) {
                warnings.add("the upper-limit search went beyond the upper bound " + upperBound + " of " + poiName
                        + " (bracket widened to " + hi + ")");
            }
            double[] limits = new double[CURVES];
            for (int k = 0; k < CURVES; k++) {
                limits[k] = solve(k, lo);
            }
            for (HypoTestResult r : cache.values()) {
                warnings.addAll(r.warnings());
            }
            return new UpperLimitResult(cl, calculator.name(), limits[0],
                    new ExpectedBand(limits[1], limits[2], limits[3], limits[4], limits[5]),
                    new ArrayList<>(cache.values()), hi, new ArrayList<>(warnings));
        }

        /** The first sign change of curve k among the cached points at or above lo: {a, b}. */
        double[] bracket(int k, double lo) {
            double a = lo;
            for (Map.Entry<Double, HypoTestResult> e : cache.entrySet()) {
                double mu = e.getKey();
                if (mu < lo) {
                    continue;
                }
                if (curve(e.getValue(), k) - alpha < 0) {
                    return new double[] {a, mu};
                }
                a = mu;
            }
            throw new IllegalStateException("no bracket for " + CURVE_NAMES[k]);
        }

        /**
         * The crossing of curve k predicted by the asymptotic formulae from the result r (σ and μ̂),
         * or NaN when r has no asymptotic details.
         */
        double asymptoticGuess(int k, HypoTestResult r) {
            if (r == null || r.asymptotic().isEmpty()) {
                return Double.NaN;
            }
            double sigma = r.asymptotic().get().sigma();
            if (!(sigma > 0) || !Double.isFinite(sigma)) {
                return Double.NaN;
            }
            if (k == 0) {
                if (r.freeFit().isEmpty()) {
                    return Double.NaN;
                }
                double muHat = r.freeFit().get().value(calculator.model().parameters().poiIndex());
                return muHat + sigma * STANDARD_NORMAL.inverseCumulativeProbability(
                        1 - alpha * STANDARD_NORMAL.cumulativeProbability(muHat / sigma));
            }
            // band entry k-1 is the test statistic at N = 2 - (k-1) sigma
            int n = 2 - (k - 1);
            return sigma * (STANDARD_NORMAL.inverseCumulativeProbability(
                    1 - alpha * STANDARD_NORMAL.cumulativeProbability(-n)) - n);
        }

        /** Root of curve k: bracket, narrow by asymptotic guesses, then solve. */
        double solve(int k, double lo) {
            double[] ab = bracket(k, lo);
            double a = ab[0];
            double b = ab[1];
            for (int step = 0; step < 2; step++) {
                HypoTestResult near = a > 0 && Math.abs(f(a, k)) < Math.abs(f(b, k)) ? cache.get(a) : cache.get(b);
                double g = asymptoticGuess(k, near);
                if (!(g > a && g < b) || (b - a) <= relativeAccuracy * b) {
                    break;
                }
                if (f(g, k) >= 0) {
                    a = g;
                } else {
                    b = g;
                }
            }
            if (f(a, k) == 0) {
                return a;
            }
            BracketingNthOrderBrentSolver solver =
                    new BracketingNthOrderBrentSolver(relativeAccuracy, absoluteAccuracy, 1e-14, 5);
            try {
                return solver.solve(maxEvaluations, mu -> f(mu, k), a, b, AllowedSolution.ANY_SIDE);
            } catch (MathIllegalStateException e) {
                throw new ComputationException("the " + CURVE_NAMES[k] + " upper-limit search on " + poiName
                        + " in [" + a + ", " + b + "] did not converge: " + e.getMessage(), e);
            }
        }
    }
}
