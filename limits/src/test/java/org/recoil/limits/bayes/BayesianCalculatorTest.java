package org.recoil.limits.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.recoil.core.testing.SharedReference;
import org.recoil.limits.ClosedForms;
import org.recoil.limits.TestSupport;
import org.recoil.limits.calc.ToyOptions;
import org.recoil.limits.model.CountingModel;

class BayesianCalculatorTest {

    /** counting.json: every case at 90% and 95% within 1e-6 relative (numerical integration). */
    @Test
    void countingReferenceWithin1e6() {
        JsonNode cases = SharedReference.json("counting.json").get("cases");
        assertEquals(7, cases.size());
        for (JsonNode c : cases) {
            int n = c.get("n_obs").asInt();
            double b = c.get("b").asDouble();
            BayesianCalculator calc = new BayesianCalculator(CountingModel.of(1.0, b, n), TestSupport.minimizer());
            for (String key : new String[] {"ul_90", "ul_95"}) {
                double cl = key.equals("ul_90") ? 0.90 : 0.95;
                double ref = c.get(key).asDouble();
                BayesianResult r = calc.upperLimit(cl);
                String at = "n=" + n + " b=" + b + " " + key;
                assertEquals(ref, r.upperLimit(), 1e-6 * ref, at);
                assertEquals(BayesianCalculator.Method.INTEGRATION, r.method(), at);
                assertTrue(r.uncertainty() < 1e-7 * ref, at + " uncertainty " + r.uncertainty());
                // the independent closed form agrees too
                assertEquals(ClosedForms.countingLimit(n, b, cl), r.upperLimit(), 1e-7 * ref, at);
            }
        }
    }

    /** Brute-force 2D trapezoid reference for one bin with a Gaussian-constrained background scale. */
    private static double bruteForceLimit(double s, double b, int n, double sigma, double cl) {
        int nm = 4000;
        int ng = 1500;
        double muMax = 40;
        double gMin = 1e-6;
        double gMax = 1 + 8 * sigma;
        double[] cdf = new double[nm + 1];
        double[] dens = new double[nm + 1];
        for (int i = 0; i <= nm; i++) {
            double mu = muMax * i / nm;
            double sum = 0;
            for (int j = 0; j <= ng; j++) {
                double g = gMin + (gMax - gMin) * j / ng;
                double nu = mu * s + g * b;
                double w = (j == 0 || j == ng) ? 0.5 : 1;
                sum += w * Math.exp(n * Math.log(nu) - nu - 0.5 * Math.pow((1 - g) / sigma, 2));
            }
            dens[i] = sum;
        }
        for (int i = 1; i <= nm; i++) {
            cdf[i] = cdf[i - 1] + 0.5 * (dens[i] + dens[i - 1]) * muMax / nm;
        }
        double target = cl * cdf[nm];
        for (int i = 1; i <= nm; i++) {
            if (cdf[i] >= target) {
                double f = (target - cdf[i - 1]) / (cdf[i] - cdf[i - 1]);
                return muMax * (i - 1 + f) / nm;
            }
        }
        throw new IllegalStateException();
    }

    @Test
    void oneNuisanceParameterIntegrationAndMcmcAgreeWithBruteForce() {
        CountingModel m = CountingModel.builder().bin(1.0, 10.0, 12, 0.2).build();
        double ref = bruteForceLimit(1.0, 10.0, 12, 0.2, 0.90);
        BayesianCalculator calc = new BayesianCalculator(m, TestSupport.minimizer());
        BayesianResult integ = calc.upperLimit(0.90);
        assertEquals(BayesianCalculator.Method.INTEGRATION, integ.method());
        assertEquals(ref, integ.upperLimit(), 2e-4 * ref, "grid reference " + ref); // grid accuracy
        BayesianResult mc = calc.withMethod(BayesianCalculator.Method.MCMC).withMcmc(McmcOptions.defaults(17))
                .upperLimit(0.90);
        assertEquals(BayesianCalculator.Method.MCMC, mc.method());
        var diag = mc.mcmc().orElseThrow();
        assertTrue(diag.maxRHat() < 1.01, "R-hat " + diag.maxRHat());
        assertTrue(diag.acceptanceRate() > 0.5 && diag.acceptanceRate() < 0.99, "acceptance " + diag.acceptanceRate());
        assertTrue(mc.uncertainty() > 0 && mc.uncertainty() < 0.02 * integ.upperLimit(), "uncertainty " + mc.uncertainty());
        assertTrue(Math.abs(mc.upperLimit() - integ.upperLimit()) < 4 * mc.uncertainty(),
                "MCMC " + mc.upperLimit() + " +- " + mc.uncertainty() + " vs integration " + integ.upperLimit());
        assertTrue(mc.warnings().isEmpty(), mc.warnings().toString());
    }

    @Test
    void twoNuisanceParametersIntegrationMatchesMcmc() {
        CountingModel m = CountingModel.builder().bin(2.0, 20.0, 24, 0.1).bin(1.0, 8.0, 6, 0.15).build();
        BayesianCalculator calc = new BayesianCalculator(m, TestSupport.minimizer());
        assertEquals(BayesianCalculator.Method.INTEGRATION, calc.resolvedMethod());
        BayesianResult integ = calc.withIntegrationTolerance(1e-8).upperLimit(0.90);
        BayesianResult mc = calc.withMethod(BayesianCalculator.Method.MCMC).withMcmc(McmcOptions.defaults(5))
                .upperLimit(0.90);
        assertTrue(Math.abs(mc.upperLimit() - integ.upperLimit()) < 4 * mc.uncertainty() + 10 * integ.uncertainty(),
                "MCMC " + mc.upperLimit() + " +- " + mc.uncertainty() + " vs integration " + integ.upperLimit()
                        + " +- " + integ.uncertainty());
    }

    @Test
    void largerModelsUseMcmcAndChainsAreReproducibleOnAnyThreadCount() {
        CountingModel m = CountingModel.builder().bin(2.0, 20.0, 24, 0.1).bin(1.0, 8.0, 6, 0.15)
                .bin(0.5, 30.0, 29, 0.1).build();
        BayesianCalculator calc = new BayesianCalculator(m, TestSupport.minimizer());
        assertEquals(BayesianCalculator.Method.MCMC, calc.resolvedMethod());
        McmcOptions o = McmcOptions.defaults(99).withSteps(2000, 8000);
        BayesianResult one = calc.withMcmc(o.withThreads(1)).upperLimit(0.90);
        BayesianResult two = calc.withMcmc(o.withThreads(2)).upperLimit(0.90);
        assertEquals(one.upperLimit(), two.upperLimit(), 0);
        assertEquals(one.mcmc(), two.mcmc());
        BayesianResult other = calc.withMcmc(o.withSeed(100)).upperLimit(0.90);
        assertTrue(one.upperLimit() != other.upperLimit());
        assertTrue(Math.abs(one.upperLimit() - other.upperLimit()) < 4 * Math.hypot(one.uncertainty(), other.uncertainty()));
    }

    /**
     * Known background b = 3: the limit depends on n only, so the expected band is the limit at the
     * Poisson(3) quantiles n = 0, 1, 3, 5, 7 of the Phi(-2..2) probabilities, computed exactly.
     */
    @Test
    void expectedLimitsFromBackgroundOnlyToys() {
        CountingModel m = CountingModel.of(1.0, 3.0, 4);
        BayesianExpected e = new BayesianCalculator(m, TestSupport.minimizer())
                .expectedUpperLimits(0.90, ToyOptions.of(3000, 8));
        int[] n = {0, 1, 3, 5, 7};
        double[] band = e.expected().toArray();
        for (int k = 0; k < 5; k++) {
            double ref = ClosedForms.countingLimit(n[k], 3.0, 0.90);
            assertEquals(ref, band[k], 1e-6 * ref, "quantile " + k);
        }
        assertTrue(e.exact());
        assertEquals(0, e.toys());
    }
}
