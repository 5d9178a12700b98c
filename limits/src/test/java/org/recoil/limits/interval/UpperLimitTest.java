package org.recoil.limits.interval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recoil.core.ComputationException;
import org.recoil.limits.ClosedForms;
import org.recoil.limits.TestSupport;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.model.CountingModel;

class UpperLimitTest {

    private static void checkAgainstClosedForm(double s, double b, double n, double cl) {
        CountingModel m = CountingModel.of(s, b, n);
        UpperLimitResult r = UpperLimit.atCl(cl).compute(new AsymptoticCalculator(m, TestSupport.minimizer()));
        double alpha = 1 - cl;
        String at = "s=" + s + " b=" + b + " n=" + n + " cl=" + cl;
        assertEquals(ClosedForms.asymptoticLimit(s, b, n, alpha, -1), r.observed(),
                1e-5 * r.observed(), "observed " + at);
        double[] exp = r.expected().toArray();
        for (int k = 0; k < 5; k++) {
            assertEquals(ClosedForms.asymptoticLimit(s, b, n, alpha, k), exp[k], 1e-5 * exp[k], "expected " + k + " " + at);
            if (k > 0) {
                assertTrue(exp[k] > exp[k - 1]);
            }
        }
        assertEquals(cl, r.cl());
        assertEquals("asymptotic", r.method());
        // scan points ascending in mu, every one a full hypothesis test
        double prev = -1;
        for (HypoTestResult h : r.scan()) {
            assertTrue(h.mu() > prev);
            prev = h.mu();
        }
    }

    @Test
    void matchesClosedFormAt90And95() {
        checkAgainstClosedForm(5, 50, 55, 0.90);
        checkAgainstClosedForm(5, 50, 55, 0.95);
        checkAgainstClosedForm(10, 100, 80, 0.90);
        checkAgainstClosedForm(3, 20, 30, 0.90);
    }

    @Test
    void defaultClIs90Percent() {
        assertEquals(0.90, UpperLimit.defaults().cl());
    }

    @Test
    void widensTheBracketBeyondThePoiUpperBound() {
        // limit about 5.4 but POI bounded at 1
        CountingModel m = CountingModel.builder().bin(5, 50, 55).poiBounds(0, 1).build();
        UpperLimitResult r = UpperLimit.defaults().compute(new AsymptoticCalculator(m, TestSupport.minimizer()));
        assertEquals(ClosedForms.asymptoticLimit(5, 50, 55, 0.1, -1), r.observed(), 1e-5 * r.observed());
        assertTrue(r.searchUpperBound() > 1);
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("beyond the upper bound")), r.warnings().toString());
    }

    @Test
    void failsClearlyWithoutCrossing() {
        // no signal: CLs = 1 everywhere
        CountingModel m = CountingModel.builder().bin(0, 50, 55).poiBounds(0, 10).build();
        ComputationException e = assertThrows(ComputationException.class,
                () -> UpperLimit.defaults().compute(new AsymptoticCalculator(m, TestSupport.minimizer())));
        assertTrue(e.getMessage().contains("no CLs = "), e.getMessage());
        assertTrue(e.getMessage().contains("do not constrain mu"), e.getMessage());
    }
}
