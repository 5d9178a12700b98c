package org.recoil.fitting.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.recoil.core.testing.SharedReference;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.patch.WorkspaceSource;

/**
 * The ATLAS 3L eRJR likelihood (reference/realworld/erjr-3l): a shapesys constraint with τ ≈ 2·10¹¹ and
 * parameter widths from 2·10⁻⁶ to 4. No pyhf reference exists (pyhf's default optimiser stops at the start
 * point there), so each point is checked independently: −2 ln L at the fitted point against a 50-digit
 * evaluation of pyhf's formula, the projected gradient in width-scaled parameters, and the free fit against
 * a brute-force scan of the profile of μ.
 */
class ErjrPrecisionTest {
    private static final Path DIR = SharedReference.resolve("realworld/erjr-3l");

    static Stream<String> points() {
        return Stream.of("ERJR_100p0_20p0", "ERJR_150p0_1p0", "ERJR_250p0_100p0", "ERJR_350p0_0p0", "ERJR_500p0_0p0");
    }

    static HistFactoryModel model(String point) {
        return WorkspaceSource.of(DIR.resolve("BkgOnly.json")).withPatch(DIR.resolve("patch." + point + ".json"))
                .model(null, ModelOptions.defaults());
    }

    @Test
    void deviancePlusSaturatedTermEqualsTheHighPrecisionPoissonTerm() {
        for (double n : new double[] {1, 7, 29.5, 30, 412, 1e4, 1.9e11, 2.2e13}) {
            for (double r : new double[] {1, 1 + 1e-9, 1 - 3e-7, 1.01, 0.5, 3}) {
                double nu = n * r;
                double ours = PoissonDeviance.deviance(n, nu) + PoissonDeviance.saturatedTwiceNll(n);
                BigDecimal bn = new BigDecimal(n);
                BigDecimal bnu = new BigDecimal(nu);
                BigDecimal exact = BigDecimal.valueOf(2).multiply(bnu.subtract(bn.multiply(HighPrecisionTwiceNll.ln(bnu)))
                        .add(HighPrecisionTwiceNll.lnGamma(bn.add(BigDecimal.ONE))), HighPrecisionTwiceNll.MC);
                assertEquals(exact.doubleValue(), ours, 1e-13 * Math.max(1, Math.abs(exact.doubleValue())),
                        "n=" + n + ", nu=" + nu);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("points")
    void fitConvergesWhereMinusTwoLnLIsExactAndTheScaledGradientVanishes(String point) {
        HistFactoryModel model = model(point);
        Data data = model.observed();
        double[] init = model.parameters().inits();
        assertEquals(HighPrecisionTwiceNll.of(model, init, data).doubleValue(), model.twiceNll(init, data), 1e-9,
                "-2 ln L at the inits");
        FitResult fit = Minimizer.standard().fit(model, data);
        assertTrue(fit.converged(), fit.message());
        double[] x = fit.values();
        BigDecimal exact = HighPrecisionTwiceNll.of(model, x, data);
        assertEquals(exact.doubleValue(), fit.twiceNll(), 1e-9, "-2 ln L at the fitted point");

        // projected gradient in parameters scaled by their pre-fit widths √(2/F_ii)
        TwiceNllFunction f = model.twiceNllFunction(data);
        double[] fisher = new double[x.length];
        assertTrue(f.fisherDiagonal(init, fisher));
        double[] g = new double[x.length];
        f.valueAndGradient(x, g);
        Parameters p = model.parameters();
        double widest = 0;
        double narrowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < x.length; i++) {
            if (p.fixed()[i] || !(fisher[i] > 0)) {
                continue;
            }
            double width = Math.min(Math.sqrt(2 / fisher[i]), p.upper(i) - p.lower(i));
            widest = Math.max(widest, width);
            narrowest = Math.min(narrowest, width);
            double gs = g[i] * width;
            boolean outwardsAtBound = (x[i] <= p.lower(i) && gs > 0) || (x[i] >= p.upper(i) && gs < 0);
            if (!outwardsAtBound) {
                assertTrue(Math.abs(gs) < 1e-6, p.names().get(i) + ": scaled gradient " + gs);
            }
        }
        assertTrue(narrowest < 1e-5 && widest > 1, "widths span " + narrowest + " to " + widest);
    }

    @ParameterizedTest
    @MethodSource("points")
    void freeFitIsTheMinimumOfABruteForceProfileScan(String point) {
        HistFactoryModel model = model(point);
        Data data = model.observed();
        Minimizer minimizer = Minimizer.standard();
        FitResult free = minimizer.fit(model, data);
        int poi = model.parameters().poiIndex();
        double muHat = free.value(poi);
        double sigma = free.error(poi);
        assertTrue(sigma > 0, "error of mu " + sigma);
        int k = 10;
        double step = 0.1 * sigma;
        double[] mu = new double[2 * k + 1];
        double[] q = new double[2 * k + 1];
        int best = 0;
        for (int j = 0; j < mu.length; j++) {
            mu[j] = muHat + (j - k) * step;
            FitResult r = minimizer.fitFixedPoi(model, data, mu[j]);
            assertTrue(r.converged(), r.message());
            q[j] = r.twiceNll() - free.twiceNll();
            assertTrue(q[j] > -1e-8, "mu=" + mu[j] + " fits lower than the free fit by " + (-q[j]));
            if (q[j] < q[best]) {
                best = j;
            }
        }
        assertEquals(k, best, "the scan's lowest point is the free fit's mu");
        // parabola through the scan: vertex at mu-hat, curvature 1/σ² (-2 ln L rises by 1 at one σ)
        double a = (q[k + 1] + q[k - 1] - 2 * q[k]) / (2 * step * step);
        double b = (q[k + 1] - q[k - 1]) / (2 * step);
        assertEquals(0, -b / (2 * a) / sigma, 2e-3, "vertex of the profile, in units of σ");
        assertEquals(1 / (sigma * sigma), a, 0.02 / (sigma * sigma), "curvature of the profile");
        assertEquals(1.0, q[0], 0.25, "-2 Δln L one σ below mu-hat (a Poisson profile is not exactly parabolic)");
    }
}
