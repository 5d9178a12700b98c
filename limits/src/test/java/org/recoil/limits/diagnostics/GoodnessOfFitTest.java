package org.recoil.limits.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hipparchus.distribution.continuous.ChiSquaredDistribution;
import org.hipparchus.distribution.continuous.UniformRealDistribution;
import org.hipparchus.special.Gamma;
import org.hipparchus.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.calc.ToySeeds;

/**
 * The saturated statistic against an independent computation from the model's full −2 ln L (pyhf's likelihood,
 * checked against pyhf elsewhere) minus the saturated model's −2 ln L written out by hand; the toy p-values of data
 * generated from the model are uniform (Kolmogorov-Smirnov); thread-count independence.
 */
class GoodnessOfFitTest {

    private static final double LN_2PI = Math.log(2 * Math.PI);

    /** −2 ln Pois(n | n) with all constants. */
    private static double saturatedPoisson(double n) {
        return 2 * (n - (n > 0 ? n * Math.log(n) : 0) + Gamma.logGamma(n + 1));
    }

    @Test
    void gaussianConstraintsTwoBins() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twobin_normsys_histosys");
        Data d = m.observed();
        FitResult fit = Minimizer.standard().fit(m, d);
        // saturated: every bin at its count, the three unit-Gaussian alphas at their auxiliary data (0)
        double sat = saturatedPoisson(d.main(0)) + saturatedPoisson(d.main(1)) + 3 * LN_2PI;
        double expected = fit.twiceNll() - sat;
        GoodnessOfFitResult g = new GoodnessOfFit(1).test(m, d, fit, m.parameters().fixed(), 0, 1);
        assertEquals(expected, g.statistic(), 1e-9 * Math.max(1, expected));
        assertEquals(1, g.dof(), "2 bins, 3 constrained alphas, 4 free parameters");
        assertEquals(1 - new ChiSquaredDistribution(1).cumulativeProbability(expected), g.pAsymptotic(), 1e-9);
    }

    @Test
    void gaussianConstraintsWithWidthsTwoChannels() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twochannel_staterror_lumi");
        Data d = m.observed();
        FitResult fit = Minimizer.standard().fit(m, d);
        var p = m.parameters();
        double sat = 0;
        for (int b = 0; b < d.mainSize(); b++) {
            sat += saturatedPoisson(d.main(b));
        }
        for (int i = 0; i < p.size(); i++) {
            if (m.constraintType(i) == org.recoil.fitting.model.ConstraintType.GAUSSIAN) {
                sat += LN_2PI + 2 * Math.log(m.constraintWidth(i));
            }
        }
        double expected = fit.twiceNll() - sat;
        GoodnessOfFitResult g = new GoodnessOfFit(1).test(m, d, fit, p.fixed(), 0, 1);
        assertEquals(expected, g.statistic(), 1e-9 * Math.max(1, expected));
        assertEquals(d.mainSize() - 2, g.dof(), "mu and bkg_norm are the free unconstrained parameters");
    }

    @Test
    void poissonConstraintOneBin() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("counting_shapesys");
        Data d = m.observed();
        FitResult fit = Minimizer.standard().fit(m, d);
        double sat = saturatedPoisson(d.main(0)) + saturatedPoisson(d.aux(0));
        GoodnessOfFitResult g = new GoodnessOfFit(1).test(m, d, fit, m.parameters().fixed(), 0, 1);
        assertEquals(fit.twiceNll() - sat, g.statistic(), 1e-9);
        assertEquals(0, g.dof());
    }

    @Test
    void toyPValuesOfDataFromTheModelAreUniform() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twobin_normsys_histosys");
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        boolean[] fixed = m.parameters().fixed();
        GoodnessOfFit gof = new GoodnessOfFit(2);
        int datasets = 80;
        double[] p = new double[datasets];
        for (int k = 0; k < datasets; k++) {
            Data d = m.sample(fit.values(), ToySeeds.rng(2024, 1, k));
            FitResult f = Minimizer.standard().fit(m, d);
            assertTrue(f.converged());
            p[k] = gof.test(m, d, f, fixed, 80, 1000 + k).pToys();
        }
        double ks = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), p);
        assertTrue(ks > 0.01, "KS p-value of the toy p-values " + ks);
    }

    @Test
    void toysDoNotDependOnThreads() {
        HistFactoryModel m = PyhfDiagnosticsReference.model("twochannel_staterror_lumi");
        FitResult fit = Minimizer.standard().fit(m, m.observed());
        GoodnessOfFitResult one = new GoodnessOfFit(1).test(m, m.observed(), fit, m.parameters().fixed(), 40, 7);
        GoodnessOfFitResult three = new GoodnessOfFit(3).test(m, m.observed(), fit, m.parameters().fixed(), 40, 7);
        assertEquals(one, three);
        assertEquals(one.pToys(), three.pToys());
        assertTrue(one.pToys() > 0 && one.pToys() <= 1);
    }
}
