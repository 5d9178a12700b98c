package org.recoil.core.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.mc.RandomStreams;
import org.recoil.core.mc.VegasIntegrator;
import org.recoil.core.mc.VegasResult;

class ThreeBodyPhaseSpaceTest {
    private static final double SQRT_S = 10.58;
    private static final double M_MU = PhysicsConstants.MUON_MASS;

    @Test
    void momentaConserveFourMomentumAndAreOnShell() {
        UniformRandomProvider rng = RandomStreams.stream(3L);
        double[] u = new double[5];
        double[] q1 = new double[4];
        double[] q2 = new double[4];
        double[] k = new double[4];
        for (double mass : new double[] {0.01, 1.0, 7.0, 10.3}) {
            ThreeBodyPhaseSpace ps = new ThreeBodyPhaseSpace(SQRT_S, M_MU, mass);
            for (int i = 0; i < 200; i++) {
                for (int d = 0; d < 5; d++) {
                    u[d] = rng.nextDouble();
                }
                double w = ps.generate(u, q1, q2, k);
                assertTrue(w >= 0.0 && Double.isFinite(w));
                assertEquals(SQRT_S, q1[0] + q2[0] + k[0], 1e-12);
                for (int c = 1; c < 4; c++) {
                    assertEquals(0.0, q1[c] + q2[c] + k[c], 1e-11);
                }
                assertEquals(M_MU * M_MU, MuonPairZPrimeMatrixElement.dot(q1, q1), 1e-9);
                assertEquals(M_MU * M_MU, MuonPairZPrimeMatrixElement.dot(q2, q2), 1e-9);
                assertEquals(mass * mass, MuonPairZPrimeMatrixElement.dot(k, k), 1e-9 * Math.max(1, mass * mass));
            }
        }
    }

    @Test
    void volumeEqualsDalitzAreaOver128PiCubedS() {
        // Φ₃ = (1/(128π³ s)) ∫ ds₁₂ [s₂₃⁺ − s₂₃⁻], s₂₃⁺ − s₂₃⁻ = 4 p₂* p₃* (PDG "Kinematics", Eq. (49.23))
        double mass = 2.0;
        double s = SQRT_S * SQRT_S;
        IterativeLegendreGaussIntegrator gauss = new IterativeLegendreGaussIntegrator(16, 1e-10, 1e-12);
        double lo = 4 * M_MU * M_MU;
        double hi = (SQRT_S - mass) * (SQRT_S - mass);
        // s₁₂ = lo + (hi − lo) sin²t removes the square-root end points
        double area = gauss.integrate(1_000_000, t -> {
            double s12 = lo + (hi - lo) * Math.sin(t) * Math.sin(t);
            double jac = (hi - lo) * Math.sin(2 * t);
            double w = Math.sqrt(s12);
            double p2 = Math.sqrt(Math.max(0, s12 / 4 - M_MU * M_MU));
            double e3 = (s - s12 - mass * mass) / (2 * w);
            double p3 = Math.sqrt(Math.max(0, e3 * e3 - mass * mass));
            return 4 * p2 * p3 * jac;
        }, 0, Math.PI / 2);
        double exact = area / (128 * Math.pow(Math.PI, 3) * s);
        ThreeBodyPhaseSpace ps = new ThreeBodyPhaseSpace(SQRT_S, M_MU, mass);
        double[] q1 = new double[4];
        double[] q2 = new double[4];
        double[] k = new double[4];
        VegasResult full = VegasIntegrator.defaults().integrate(u -> ps.generate(u, q1, q2, k), 5, 0.002,
                RandomStreams.stream(1L));
        VegasResult reduced = VegasIntegrator.defaults().integrate(u -> ps.generateReduced(u, q1, q2, k), 2, 0.002,
                RandomStreams.stream(2L));
        assertEquals(exact, full.value(), 4 * full.error());
        assertEquals(exact, reduced.value(), 4 * reduced.error());
        assertTrue(Math.abs(full.value() / exact - 1) < 0.01);
    }

    @Test
    void rejectsMassesOutsideTheKinematicRange() {
        assertThrows(InvalidInputException.class, () -> new ThreeBodyPhaseSpace(SQRT_S, M_MU, 0.0));
        assertThrows(InvalidInputException.class, () -> new ThreeBodyPhaseSpace(SQRT_S, M_MU, -1.0));
        assertThrows(InvalidInputException.class, () -> new ThreeBodyPhaseSpace(SQRT_S, M_MU, SQRT_S - 2 * M_MU));
        assertThrows(InvalidInputException.class, () -> new ThreeBodyPhaseSpace(SQRT_S, M_MU, Double.NaN));
    }
}
