package org.recoil.core.mc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.recoil.core.ComputationException;

class VegasIntegratorTest {
    /** Product of narrow normalised Gaussians in 4 dimensions: ∫ = Π erf-normalisation ≈ 1. */
    @Test
    void peakedGaussianIntegralWithCalibratedError() {
        double width = 0.03;
        double norm = 1.0 / (Math.sqrt(2 * Math.PI) * width);
        Integrand f = x -> {
            double v = 1.0;
            for (double xi : x) {
                double z = (xi - 0.4) / width;
                v *= norm * Math.exp(-0.5 * z * z);
            }
            return v;
        };
        VegasIntegrator vegas = VegasIntegrator.defaults().withAdaptation(10, 10000);
        int within = 0;
        for (long seed = 1; seed <= 10; seed++) {
            VegasResult r = vegas.integrate(f, 4, 0.005, RandomStreams.stream(seed));
            assertTrue(r.relativeError() <= 0.005);
            if (Math.abs(r.value() - 1.0) <= r.error()) {
                within++;
            }
            assertEquals(1.0, r.value(), 5 * r.error());
        }
        // about 68% of the estimates lie within one standard error
        assertTrue(within >= 4 && within <= 10, "within 1 sigma: " + within);
    }

    @Test
    void adaptedGridFollowsAnOneOverSqrtSingularity() {
        Integrand f = x -> 0.5 / Math.sqrt(x[0]);
        VegasResult r = VegasIntegrator.defaults().integrate(f, 1, 0.001, RandomStreams.stream(3));
        assertEquals(1.0, r.value(), 5 * r.error());
        double[] edges = r.grid().edges(0);
        // the first interval shrinks towards the singularity, edges stay ordered
        assertTrue(edges[1] < 1.0 / 64 / 10);
        for (int i = 1; i < edges.length; i++) {
            assertTrue(edges[i] >= edges[i - 1]);
        }
        assertEquals(0.0, edges[0]);
        assertEquals(1.0, edges[edges.length - 1]);
    }

    @Test
    void deterministicForAGivenSeedAndFailsLoudlyOnNaN() {
        Integrand f = x -> x[0] * x[1];
        VegasResult a = VegasIntegrator.defaults().integrate(f, 2, 0.01, RandomStreams.stream(8, 1));
        VegasResult b = VegasIntegrator.defaults().integrate(f, 2, 0.01, RandomStreams.stream(8, 1));
        assertEquals(a.value(), b.value());
        assertEquals(0.25, a.value(), 5 * a.error());
        assertThrows(ComputationException.class,
                () -> VegasIntegrator.defaults().integrate(x -> Double.NaN, 2, 0.01, RandomStreams.stream(1)));
    }
}
