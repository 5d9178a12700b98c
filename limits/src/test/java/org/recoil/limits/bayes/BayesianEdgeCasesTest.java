package org.recoil.limits.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.statistics.distribution.PoissonDistribution;
import org.hipparchus.analysis.integration.gauss.GaussIntegrator;
import org.hipparchus.analysis.integration.gauss.GaussIntegratorFactory;
import org.junit.jupiter.api.Test;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.ClosedForms;
import org.recoil.limits.TestSupport;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.model.CountingModel;

/** Zero counts, bounded priors, exact bands, long MCMC models: checked against independent integrations. */
class BayesianEdgeCasesTest {

    /** One bin, signal s, background b with a 10% normsys, observed n; POI bounds optional. */
    static HistFactoryModel oneBin(double s, double b, double n, String normsys, String poiBounds) {
        String mods = normsys == null ? "[]" : "[{\"name\":\"bkg_norm\",\"type\":\"normsys\",\"data\":" + normsys + "}]";
        String pars = poiBounds == null ? "[]" : "[{\"name\":\"mu\",\"bounds\":[" + poiBounds + "]}]";
        String json = "{\"channels\":[{\"name\":\"sr\",\"samples\":["
                + "{\"name\":\"signal\",\"data\":[" + s + "],\"modifiers\":[{\"name\":\"mu\",\"type\":\"normfactor\","
                + "\"data\":null}]},"
                + "{\"name\":\"bkg\",\"data\":[" + b + "],\"modifiers\":" + mods + "}]}],"
                + "\"observations\":[{\"name\":\"sr\",\"data\":[" + n + "]}],"
                + "\"measurements\":[{\"name\":\"m\",\"config\":{\"poi\":\"mu\",\"parameters\":" + pars + "}}],"
                + "\"version\":\"1.0.0\"}";
        return HistFactoryModel.of(WorkspaceIO.read(json, "test"));
    }

    /** 64-point Gauss–Legendre rule on [0, 1] (computed once: the factory's rule computation is costly). */
    private static final GaussIntegrator GAUSS_LEGENDRE_64 = new GaussIntegratorFactory().legendre(64, 0, 1);

    private static final double LN10_OVER_2 = Math.log(10) / 2;

    /**
     * n = 0: the likelihood factorises into exp(−μ s) times a function of the background's nuisance
     * parameter, so the posterior is exp(−2μ) and the 90% limit ln(10)/2 whatever the background.
     */
    @Test
    void zeroCountsWithANormsysGiveTheClosedForm() {
        BayesianCalculator calc = new BayesianCalculator(oneBin(2, 5, 0, "{\"hi\":1.1,\"lo\":0.9}", null),
                TestSupport.minimizer());
        BayesianResult r = calc.upperLimit(0.90);
        assertEquals(BayesianCalculator.Method.INTEGRATION, r.method());
        assertEquals(LN10_OVER_2, r.upperLimit(), 1e-6);
        assertTrue(r.uncertainty() < 1e-6, "uncertainty " + r.uncertainty());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    /**
     * b = 3.5 with a normsys: about 3% of the background-only pseudo-experiments have n = 0, so the −2σ
     * quantile is the n = 0 limit ln(10)/2 exactly; no pseudo-experiment is dropped.
     */
    @Test
    void zeroCountPseudoExperimentsStayInTheBand() {
        BayesianCalculator calc = new BayesianCalculator(oneBin(2, 3.5, 4, "{\"hi\":1.1,\"lo\":0.9}", null),
                TestSupport.minimizer());
        BayesianExpected e = calc.expectedUpperLimits(0.90, ToyOptions.of(200, 3).withThreads(2));
        assertFalse(e.exact());
        assertEquals(200, e.toys());
        assertEquals(LN10_OVER_2, e.expected().minus2(), 2e-5);
        assertTrue(e.warnings().isEmpty(), e.warnings().toString());
        double[] band = e.expected().toArray();
        double[] unc = e.uncertainty().toArray();
        for (int k = 1; k < 5; k++) {
            assertTrue(band[k] >= band[k - 1]);
            assertTrue(unc[k] >= 0 && unc[k] < 0.5 * band[k], "uncertainty " + k + ": " + unc[k]);
        }
        assertTrue(unc[2] > 0, "the median of 200 toys has a Monte Carlo error");
    }

    /** Flat prior on [0, 5] by Gauss–Legendre quadrature of (μ + 6.3)^10 e^−μ, and the root by bisection. */
    private static double boundedReference(double s, double b, int n, double upper, double cl) {
        GaussIntegrator gl = GAUSS_LEGENDRE_64;
        DoubleUnaryOperator density = mu -> Math.exp(n * Math.log(mu * s + b) - mu * s - n * Math.log(b));
        DoubleUnaryOperator cdf = t -> {
            // 50 panels of 64-point Gauss-Legendre on [0, t]
            double sum = 0;
            int panels = 50;
            for (int k = 0; k < panels; k++) {
                double a0 = t * k / panels;
                double a1 = t * (k + 1) / panels;
                sum += (a1 - a0) * gl.integrate(u -> density.applyAsDouble(a0 + (a1 - a0) * u));
            }
            return sum;
        };
        double total = cdf.applyAsDouble(upper);
        double lo = 0;
        double hi = upper;
        for (int i = 0; i < 60; i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf.applyAsDouble(mid) < cl * total) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** mu declared in [0, 5]: the flat prior lives there, the output says so and warns of the truncation. */
    @Test
    void theDeclaredPoiRangeIsThePriorRange() {
        double ref = boundedReference(1, 6.3, 10, 5, 0.90);
        assertEquals(4.5616, ref, 1e-4);
        BayesianCalculator calc = new BayesianCalculator(oneBin(1, 6.3, 10, null, "[0, 5]"), TestSupport.minimizer());
        assertTrue(calc.priorFromDeclaredBounds());
        assertEquals("flat on [0, 5]", calc.prior().description());
        BayesianResult r = calc.upperLimit(0.90);
        assertEquals(ref, r.upperLimit(), 1e-6);
        assertEquals(0, r.priorLower());
        assertEquals(5, r.priorUpper());
        // the untruncated posterior (flat on mu >= 0) puts a large share of its mass above 5
        assertTrue(r.massAbovePrior() > 0.3 && r.massAbovePrior() < 0.9, "mass above " + r.massAbovePrior());
        assertEquals(1, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("the prior of mu, flat on [0, 5] (the declared bounds of mu),"
                + " truncates the posterior"), r.warnings().get(0));
        // an explicit flat prior on mu >= 0 gives the untruncated limit, the classical one with n = 10
        BayesianResult open = calc.withPrior(Prior.flat()).upperLimit(0.90);
        assertEquals(ClosedForms.countingLimit(10, 6.3, 0.90), open.upperLimit(), 1e-6);
        assertTrue(open.warnings().isEmpty(), open.warnings().toString());
        // MCMC sees the posterior reach the bound too
        BayesianResult mc = calc.withMethod(BayesianCalculator.Method.MCMC).withMcmc(McmcOptions.defaults(4))
                .upperLimit(0.90);
        assertTrue(Math.abs(mc.upperLimit() - ref) < 4 * mc.uncertainty(), mc.upperLimit() + " +- " + mc.uncertainty());
        assertTrue(mc.warnings().stream().anyMatch(w -> w.contains("truncates the posterior")), mc.warnings().toString());
    }

    /**
     * Known background: the band is the limit at the exact Poisson quantiles of n (the smallest n with
     * P(N ≤ n) ≥ p), computed from the closed form without pseudo-experiments.
     */
    @Test
    void singleBinKnownBackgroundBandIsExact() {
        for (double b : new double[] {1.7, 3.0, 12.5}) {
            BayesianCalculator calc = new BayesianCalculator(oneBin(1, b, 3, null, "[0, 100]"),
                    TestSupport.minimizer());
            assertTrue(calc.exactBand());
            BayesianExpected e = calc.expectedUpperLimits(0.90, ToyOptions.of(200, 1));
            assertTrue(e.exact());
            assertEquals(0, e.toys());
            PoissonDistribution pois = PoissonDistribution.of(b);
            for (int k = 0; k < ExpectedBand.SIZE; k++) {
                double p = ExpectedBand.probability(k);
                int n = 0;
                while (pois.cumulativeProbability(n) < p) {
                    n++;
                }
                double ref = ClosedForms.countingLimit(n, b, 0.90);
                assertEquals(ref, e.expected().get(k), 1e-6 * ref, "b=" + b + " quantile " + k + " n=" + n);
            }
        }
    }

    /** The Monte Carlo error of a quantile: order statistics at ranks Np -+ sqrt(Np(1-p)). */
    @Test
    void quantileErrorFromOrderStatistics() {
        double[] x = new double[100];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        // p = 0.5: ranks 45 and 55 (values 44 and 54)
        assertEquals(5.0, BayesianCalculator.quantileError(x, 0.5), 0);
        double[] same = new double[50];
        assertEquals(0.0, BayesianCalculator.quantileError(same, 0.9), 0);
    }

    /**
     * 40 bins, each with its own Gaussian-constrained background scale: the marginal likelihood
     * factorises into one-dimensional integrals per bin, computed here by Gauss–Legendre quadrature;
     * MCMC with the default settings agrees within 1%.
     */
    @Test
    void fortyStaterrorBinsByMcmcAgreeWithFactorisedQuadrature() {
        int bins = 40;
        double[] s = new double[bins];
        double[] b = new double[bins];
        int[] n = new int[bins];
        double[] sigma = new double[bins];
        CountingModel.Builder builder = CountingModel.builder();
        for (int i = 0; i < bins; i++) {
            s[i] = 0.3 + 0.05 * (i % 7);
            b[i] = 4 + (i * 37 % 11);
            n[i] = (int) Math.round(b[i] + Math.sqrt(b[i]) * Math.sin(1.3 * i));
            sigma[i] = 0.05 + 0.01 * (i % 5);
            builder.bin(s[i], b[i], n[i], sigma[i]);
        }
        CountingModel m = builder.build();
        double upper = m.parameters().upper(0);
        double ref = factorisedLimit(s, b, n, sigma, 0.90, upper);
        BayesianCalculator calc = new BayesianCalculator(m, TestSupport.minimizer()).withMcmc(McmcOptions.defaults(11));
        assertEquals(BayesianCalculator.Method.MCMC, calc.resolvedMethod());
        BayesianResult r = calc.upperLimit(0.90);
        assertEquals(ref, r.upperLimit(), 0.01 * ref, "MCMC " + r.upperLimit() + " +- " + r.uncertainty());
        var d = r.mcmc().orElseThrow();
        assertTrue(d.converged(), "R-hat " + d.maxRHat());
        assertTrue(d.maxRHat() < 1.01);
        assertTrue(d.effectiveSampleSize() > 1000, "ESS " + d.effectiveSampleSize());
        assertTrue(r.uncertainty() < 0.008 * ref, "Monte Carlo error " + r.uncertainty());
        assertEquals("Monte Carlo", r.uncertaintyKind());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    /** ln ∫ Pois(n | μ s + γ b) N(1 | γ, σ) dγ over the model's γ range, by 64-point Gauss–Legendre on panels. */
    private static double logBinMarginal(double mu, double s, double b, int n, double sigma) {
        GaussIntegrator gl = GAUSS_LEGENDRE_64;
        double lo = Math.max(1e-10, 1 - 12 * sigma);
        double hi = 1 + 12 * sigma;
        int panels = 8;
        double sum = 0;
        for (int k = 0; k < panels; k++) {
            double a0 = lo + (hi - lo) * k / panels;
            double a1 = lo + (hi - lo) * (k + 1) / panels;
            sum += (a1 - a0) * gl.integrate(u -> {
                double g = a0 + (a1 - a0) * u;
                double nu = mu * s + g * b;
                return Math.exp(n * Math.log(nu / n) - nu + n - 0.5 * Math.pow((1 - g) / sigma, 2));
            });
        }
        return Math.log(sum);
    }

    private static double factorisedLimit(double[] s, double[] b, int[] n, double[] sigma, double cl, double upper) {
        // log posterior on a fine grid, normalised at its maximum, then trapezoid cdf with linear root
        int grid = 1000;
        double muMax = Math.min(upper, 20);
        double[] logp = new double[grid + 1];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k <= grid; k++) {
            double mu = muMax * k / grid;
            double l = 0;
            for (int i = 0; i < s.length; i++) {
                l += logBinMarginal(mu, s[i], b[i], n[i], sigma[i]);
            }
            logp[k] = l;
            max = Math.max(max, l);
        }
        double[] cdf = new double[grid + 1];
        for (int k = 1; k <= grid; k++) {
            cdf[k] = cdf[k - 1] + 0.5 * (Math.exp(logp[k] - max) + Math.exp(logp[k - 1] - max)) * muMax / grid;
        }
        assertTrue(Math.exp(logp[grid] - max) < 1e-12, "grid covers the posterior");
        double target = cl * cdf[grid];
        for (int k = 1; k <= grid; k++) {
            if (cdf[k] >= target) {
                return muMax * (k - 1 + (target - cdf[k - 1]) / (cdf[k] - cdf[k - 1])) / grid;
            }
        }
        throw new IllegalStateException();
    }
}
