package org.recoil.limits.bayes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recoil.core.ComputationException;

class GaussKronrodTest {

    @Test
    void kronrodRuleIsExactToDegree22AndGaussToDegree13() {
        // K15 integrates x^22 exactly; the G7 estimate does not, so the error estimate is large
        GaussKronrod.Piece p22 = GaussKronrod.rule(x -> Math.pow(x, 22), 0, 1);
        assertEquals(1.0 / 23, p22.value(), 1e-15);
        assertTrue(p22.error() > 1e-6);
        // G7 integrates x^13 exactly: both agree, error estimate ~ rounding
        GaussKronrod.Piece p13 = GaussKronrod.rule(x -> Math.pow(x, 13), -1, 2);
        assertEquals((Math.pow(2, 14) - 1) / 14, p13.value(), 1e-11);
        assertTrue(p13.error() < 1e-10, "error " + p13.error());
        // weights sum to the interval length
        assertEquals(3.0, GaussKronrod.rule(x -> 1.0, -1, 2).value(), 1e-15);
    }

    @Test
    void adaptiveIntegrationMeetsTheToleranceOnPeakedIntegrands() {
        GaussKronrod gk = new GaussKronrod(1e-12, 0, 5000);
        // narrow Gaussian off-centre in a wide range (the initial partition must resolve it: 16 pieces of 0.625)
        double sigma = 0.05;
        GaussKronrod.Result r = gk.integrate(x -> Math.exp(-0.5 * Math.pow((x - 3.3) / sigma, 2)), 0, 10, 16);
        assertEquals(sigma * Math.sqrt(2 * Math.PI), r.value(), 1e-11 * r.value());
        // Gamma(4) = 6 with x^3 e^-x
        GaussKronrod.Result g = gk.integrate(x -> x * x * x * Math.exp(-x), 0, 60, 1);
        assertEquals(6.0, g.value(), 1e-10);
        assertTrue(g.error() <= 1e-12 * 6.0 * 1.0001);
        double sum = g.pieces().stream().mapToDouble(GaussKronrod.Piece::value).sum();
        assertEquals(g.value(), sum, 0);
        for (int i = 1; i < g.pieces().size(); i++) {
            assertEquals(g.pieces().get(i - 1).b(), g.pieces().get(i).a(), 0);
        }
    }

    @Test
    void failsLoudlyWhenTheBudgetIsTooSmall() {
        GaussKronrod gk = new GaussKronrod(1e-14, 0, 3);
        assertThrows(ComputationException.class, () -> gk.integrate(x -> Math.sqrt(Math.abs(x - 0.3)), 0, 1, 1));
    }
}
