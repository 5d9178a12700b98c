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
    void nodesAreTheRulesAbscissaeAndTheInterpolantIsExactToDegree14() {
        double a = 0.3;
        double b = 1.7;
        java.util.List<Double> seen = new java.util.ArrayList<>();
        GaussKronrod.rule(x -> {
            seen.add(x);
            return x;
        }, a, b);
        double[] nodes = GaussKronrod.nodes(a, b);
        assertEquals(15, nodes.length);
        for (double x : nodes) {
            assertTrue(seen.contains(x), "node " + x + " is not an abscissa of the rule, bit for bit");
        }
        java.util.function.DoubleUnaryOperator poly = x -> Math.pow(x - 1, 14) - 3 * Math.pow(x, 5) + 2;
        double[] values = new double[15];
        for (int k = 0; k < 15; k++) {
            values[k] = poly.applyAsDouble(nodes[k]);
        }
        java.util.function.DoubleUnaryOperator p = GaussKronrod.interpolant(nodes, values);
        for (double x = a; x <= b; x += 0.01) {
            assertEquals(poly.applyAsDouble(x), p.applyAsDouble(x), 1e-12, "at " + x);
        }
        assertEquals(values[3], p.applyAsDouble(nodes[3]), 1e-14 * Math.abs(values[3]));
    }

    @Test
    void failsLoudlyWhenTheBudgetIsTooSmall() {
        GaussKronrod gk = new GaussKronrod(1e-14, 0, 3);
        assertThrows(ComputationException.class, () -> gk.integrate(x -> Math.sqrt(Math.abs(x - 0.3)), 0, 1, 1));
    }
}
