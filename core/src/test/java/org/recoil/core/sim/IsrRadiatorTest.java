package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.recoil.core.physics.PhysicsConstants;

class IsrRadiatorTest {
    private final double sqrtS = 10.5739;
    private final IsrRadiator radiator = new IsrRadiator(sqrtS, 4.0 * PhysicsConstants.MUON_MASS * PhysicsConstants.MUON_MASS);

    /** beta = (2 alpha/pi)(ln(s/m_e^2) - 1) = 0.0877 at 10.58 GeV. */
    @Test
    void betaHasItsTextbookValue() {
        double me = PhysicsConstants.ELECTRON_MASS;
        assertEquals(2 * PhysicsConstants.ALPHA / Math.PI * (Math.log(sqrtS * sqrtS / (me * me)) - 1), radiator.beta(), 1e-15);
        assertEquals(0.0877, radiator.beta(), 1e-4);
    }

    /** The structure function is normalised: int_0^1 D(x) dx = 1 (analytically, to O(beta^2)). */
    @Test
    void structureFunctionIsNormalised() {
        double b = radiator.beta() / 2;
        // integrate the regular part numerically after the substitution t = x^b
        IterativeLegendreGaussIntegrator gauss = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14);
        double integral = gauss.integrate(100_000, t -> {
            double x = Math.pow(t, 1 / b);
            return radiator.structureFunction(x) * x / (b * t);
        }, 1e-300, 1.0);
        assertEquals(1.0, integral, 1e-8);
    }

    /**
     * Sampled fractions follow D(x)/(1 - x): the probability of x in [0.1, 0.5] equals the integral
     * of the normalised density.
     */
    @Test
    void sampledFractionsFollowTheRadiator() {
        IterativeLegendreGaussIntegrator gauss = new IterativeLegendreGaussIntegrator(16, 1e-12, 1e-14);
        double inWindow = gauss.integrate(100_000, x -> radiator.structureFunction(x) / (1 - x), 0.1, 0.5);
        double b = radiator.beta() / 2;
        // total: x < 1/2 with t = x^b (integrable x^(b-1) singularity), x > 1/2 with u = -ln(1 - x)
        double soft = gauss.integrate(100_000, t -> {
            double x = Math.pow(t, 1 / b);
            return radiator.structureFunction(x) / (1 - x) * x / (b * t);
        }, 1e-300, Math.pow(0.5, b));
        double hard = gauss.integrate(100_000, u -> radiator.structureFunction(1 - Math.exp(-u)),
                Math.log(2), -Math.log(1 - radiator.maxFraction()));
        double total = soft + hard;
        double expected = inWindow / total;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(3L);
        int n = 1_000_000;
        int hits = 0;
        int softCount = 0;
        for (int i = 0; i < n; i++) {
            double x = radiator.sampleFraction(rng);
            if (x >= 0.1 && x <= 0.5) {
                hits++;
            }
            if (x == 0.0) {
                softCount++;
            }
        }
        double sigma = Math.sqrt(expected * (1 - expected) / n);
        assertEquals(expected, hits / (double) n, 4 * sigma);
        // photons below 1 MeV: integral of D over [0, x_soft] = x_soft^(beta/2) (1 + 3 beta/8) up
        // to O(x_soft), divided by the normalisation of D(x)/(1 - x)
        double xSoft = 2 * IsrRadiator.SOFT_PHOTON_ENERGY / sqrtS;
        double softExpected = Math.pow(xSoft, b) * (1 + 3 * radiator.beta() / 8) / total;
        assertEquals(softExpected, softCount / (double) n, 4 * Math.sqrt(softExpected * (1 - softExpected) / n));
        assertTrue(expected > 0.005);
    }
}
