package org.recoil.limits.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.TestSupport;
import org.recoil.limits.model.CountingModel;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;

class AsymptoticCalculatorTest {

    private static final NormalDistribution N01 = NormalDistribution.of(0, 1);

    /** −2 ln L of one Poisson bin without the constant. */
    private static double nll2(double nu, double n) {
        return 2 * (nu - (n == 0 ? 0 : n * Math.log(nu)));
    }

    /** Closed-form asymptotic q̃ CLs for one bin with known background (independent of the fits). */
    private static double[] closedForm(double s, double b, double n, double mu) {
        double muHat = Math.max(0, (n - b) / s);
        double q = muHat > mu ? 0 : Math.max(0, nll2(mu * s + b, n) - nll2(muHat * s + b, n));
        double qA = nll2(mu * s + b, b) - nll2(b, b);
        double sq = Math.sqrt(q);
        double sqA = Math.sqrt(qA);
        double clsb;
        double clb;
        if (sq <= sqA) {
            clsb = 1 - N01.cumulativeProbability(sq);
            clb = N01.cumulativeProbability(sqA - sq);
        } else {
            clsb = 1 - N01.cumulativeProbability((q + qA) / (2 * sqA));
            clb = 1 - N01.cumulativeProbability((q - qA) / (2 * sqA));
        }
        double[] band = new double[5];
        for (int k = 0; k < 5; k++) {
            int nsig = 2 - k;
            band[k] = N01.cumulativeProbability(-(nsig + sqA)) / N01.cumulativeProbability(-nsig);
        }
        return new double[] {clsb / clb, clsb, clb, q, qA, band[0], band[1], band[2], band[3], band[4]};
    }

    @Test
    void singleBinMatchesClosedForm() {
        // both branches of the q~ formula: q below and above q_A
        double[][] cases = {{5, 50, 55, 1.0}, {5, 50, 55, 3.0}, {5, 50, 40, 2.5}, {8, 40, 47, 1.0}, {2, 10, 7, 4.0}};
        for (double[] c : cases) {
            CountingModel m = CountingModel.of(c[0], c[1], c[2]);
            HypoTestResult r = new AsymptoticCalculator(m, TestSupport.minimizer()).hypotest(c[3]);
            double[] e = closedForm(c[0], c[1], c[2], c[3]);
            String at = java.util.Arrays.toString(c);
            assertEquals(e[3], r.testStatisticValue(), 1e-9, "q at " + at);
            assertEquals(e[4], r.asymptotic().orElseThrow().testStatisticAsimov(), 1e-9, "q_A at " + at);
            assertEquals(e[0], r.cls(), 1e-9, "CLs at " + at);
            assertEquals(e[1], r.clsb(), 1e-9, "CLs+b at " + at);
            assertEquals(e[2], r.clb(), 1e-9, "CLb at " + at);
            double[] band = r.clsExpected().toArray();
            for (int k = 0; k < 5; k++) {
                assertEquals(e[5 + k], band[k], 1e-9, "expected CLs " + k + " at " + at);
            }
            assertEquals("asymptotic", r.calculator());
            assertEquals("qtilde", r.testStatistic());
        }
    }

    @Test
    void bandIsAscendingAndBracketsTheMedian() {
        CountingModel m = CountingModel.builder().bin(4, 30, 33, 0.1).bin(6, 25, 22, 0.1).build();
        HypoTestResult r = new AsymptoticCalculator(m, TestSupport.minimizer()).hypotest(1.5);
        double[] b = r.clsExpected().toArray();
        for (int k = 1; k < 5; k++) {
            assertTrue(b[k] > b[k - 1], "band must ascend: " + java.util.Arrays.toString(b));
        }
        double sigma = r.asymptotic().orElseThrow().sigma();
        // Cowan et al. Sec. 3.2: sigma of muhat from Asimov; for this model about 0.6
        assertTrue(sigma > 0.3 && sigma < 1.5, "sigma " + sigma);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void qMuWithNegativePoiRangeUsesUnboundedMuHat() {
        // n < b: muhat < 0. With q_mu and a POI range below 0, q = -2 ln lambda against the negative muhat
        double s = 5;
        double b = 50;
        double n = 42;
        CountingModel m = CountingModel.builder().bin(s, b, n).poiBounds(-5, 10).build();
        HypoTestResult r = new AsymptoticCalculator(m, m.observed(), TestSupport.minimizer(),
                ProfileLikelihoodStatistic.Q_MU).hypotest(1.0);
        double muHat = (n - b) / s;
        double q = nll2(s + b, n) - nll2(muHat * s + b, n);
        assertEquals(q, r.testStatisticValue(), 1e-9);
        double qA = nll2(s + b, b) - nll2(b, b);
        assertEquals(1 - N01.cumulativeProbability(Math.sqrt(q)), r.clsb(), 1e-9);
        assertEquals(N01.cumulativeProbability(Math.sqrt(qA) - Math.sqrt(q)), r.clb(), 1e-9);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void lowCountsWarnAndToysAreSuggested() {
        CountingModel m = CountingModel.of(1.0, 1.0, 0);
        HypoTestResult r = new AsymptoticCalculator(m, TestSupport.minimizer()).hypotest(2.0);
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("use toys"), r.warnings().get(0));
    }

    @Test
    void rejectsStatisticsWithoutAsymptoticFormula() {
        CountingModel m = CountingModel.of(1.0, 10.0, 10);
        assertThrows(InvalidInputException.class, () -> new AsymptoticCalculator(m, m.observed(),
                TestSupport.minimizer(), ProfileLikelihoodStatistic.T_MU));
    }
}
