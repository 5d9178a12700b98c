package org.recoil.limits.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.Data;

class CountingModelTest {

    private final CountingModel model = CountingModel.builder()
            .bin(3.0, 10.0, 12, 0.1)
            .bin(1.5, 4.0, 2)
            .bin(0.5, 20.0, 25, 0.3)
            .build();

    @Test
    void twiceNllMatchesScalarFormula() {
        double[] pars = {0.7, 1.05, 0.9};
        Data d = model.observed();
        double[] nu = {0.7 * 3 + 1.05 * 10, 0.7 * 1.5 + 4, 0.7 * 0.5 + 0.9 * 20};
        double[] n = {12, 2, 25};
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            expected += 2 * (nu[i] - n[i] * Math.log(nu[i]) + LogGamma.value(n[i] + 1));
        }
        expected += Math.pow((1 - 1.05) / 0.1, 2) + Math.log(2 * Math.PI * 0.01);
        expected += Math.pow((1 - 0.9) / 0.3, 2) + Math.log(2 * Math.PI * 0.09);
        assertEquals(expected, model.twiceNll(pars, d), 1e-12 * Math.abs(expected));
        assertEquals(java.util.List.of("mu", "bkg_gamma[0]", "bkg_gamma[2]"), model.parameters().names());
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        double[] pars = {0.7, 1.05, 0.9};
        Data d = model.observed();
        double[] g = new double[3];
        model.twiceNllGradient(pars, d, g);
        for (int i = 0; i < 3; i++) {
            double h = 1e-6;
            double[] p = pars.clone();
            double[] m = pars.clone();
            p[i] += h;
            m[i] -= h;
            double fd = (model.twiceNll(p, d) - model.twiceNll(m, d)) / (2 * h);
            assertEquals(fd, g[i], 1e-6 * Math.max(1, Math.abs(fd)), "gradient of parameter " + i);
        }
    }

    @Test
    void asimovAndSampleUseTheParameters() {
        double[] pars = {2.0, 1.1, 0.8};
        Data a = model.asimov(pars);
        assertEquals(2 * 3 + 1.1 * 10, a.main(0), 1e-12);
        assertEquals(1.1, a.aux(0), 0);
        assertEquals(0.8, a.aux(1), 0);
        // mean of many samples approaches the expectation
        var rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        double sum = 0;
        double auxSum = 0;
        int n = 20000;
        for (int k = 0; k < n; k++) {
            Data s = model.sample(pars, rng);
            sum += s.main(2);
            auxSum += s.aux(1);
        }
        assertEquals(2 * 0.5 + 0.8 * 20, sum / n, 4 * Math.sqrt(17.0 / n));
        assertEquals(0.8, auxSum / n, 4 * 0.3 / Math.sqrt(n));
    }

    @Test
    void zeroExpectationWithObservedEventsIsInfinite() {
        CountingModel m = CountingModel.of(1.0, 0.0, 3);
        assertEquals(Double.POSITIVE_INFINITY, m.twiceNll(new double[] {0.0}, m.observed()));
        CountingModel m0 = CountingModel.of(1.0, 0.0, 0);
        assertEquals(0.0, m0.twiceNll(new double[] {0.0}, m0.observed()), 0);
    }

    @Test
    void rejectsBadInputNamingTheBin() {
        var e = assertThrows(InvalidInputException.class, () -> CountingModel.builder().bin(1, -2, 3).build());
        assertEquals("counting model: background of bin 0 is -2.0; expected finite and >= 0", e.getMessage());
    }
}
