package org.recoil.core.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.analysis.UnivariateFunction;
import org.hipparchus.analysis.integration.IterativeLegendreGaussIntegrator;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;

class MuonAnomalyTest {

    private static final double MMU = PhysicsConstants.MUON_MASS;

    @Test
    void loopFunctionMatchesReferenceTo1e6() {
        JsonNode g2 = SharedReference.physics().get("g2_contribution");
        double tol = g2.get("tolerance_relative").asDouble();
        assertEquals(1e-6, tol);
        int n = 0;
        for (JsonNode point : g2.get("delta_a_mu_per_gprime2")) {
            double mass = point.get("mass").asDouble();
            double expected = point.get("value").asDouble();
            assertEquals(expected, MuonAnomaly.deltaAMuPerGPrime2(mass), tol * expected, "M = " + mass);
            n++;
        }
        assertEquals(4, n);
    }

    @Test
    void loopFunctionIsMuchMoreAccurateThanRequired() {
        // reference values computed at 30 digits (mpmath); ours agree to ~1e-12
        JsonNode g2 = SharedReference.physics().get("g2_contribution");
        for (JsonNode point : g2.get("delta_a_mu_per_gprime2")) {
            double expected = point.get("value").asDouble();
            assertEquals(expected, MuonAnomaly.deltaAMuPerGPrime2(point.get("mass").asDouble()), 1e-11 * expected);
        }
    }

    /**
     * Independent closed form of I(x) = ∫₀¹ (1−u)u²/(u² + x(1−u)) du (partial fractions, derived for
     * this test): 1/2 − x − x(2−x)/2 ln x + (−x + 2x² − x³/2) J(x), J = ∫₀¹ du/(u² − xu + x).
     * Usable in double precision for moderate x only (cancellation grows like x³).
     */
    private static double closedForm(double x) {
        double c = -x + 2 * x * x - x * x * x / 2;
        double j;
        if (x < 4) {
            double s = Math.sqrt(4 * x - x * x);
            j = 2 / s * (Math.atan((2 - x) / s) + Math.atan(x / s));
        } else if (x > 4) {
            double r = Math.sqrt(x * x - 4 * x);
            j = (Math.log(Math.abs((2 - x - r) / (2 - x + r))) - Math.log(Math.abs((-x - r) / (-x + r)))) / r;
        } else {
            j = 0.5;
        }
        return 0.5 - x - x * (2 - x) / 2 * Math.log(x) + c * j;
    }

    @Test
    void integralAgreesWithClosedForm() {
        for (double x : new double[] {1e-3, 0.01, 0.3, 1.0, 2.5, 3.9, 4.0, 4.1, 7.0, 10.0}) {
            double mass = MMU * Math.sqrt(x);
            double expected = closedForm(x) / (4 * Math.PI * Math.PI);
            assertEquals(expected, MuonAnomaly.deltaAMuPerGPrime2(mass), 1e-10 * expected, "x = " + x);
        }
    }

    /**
     * Slow reference: Hipparchus' adaptive (iterative) Gauss–Legendre integration on a different,
     * denser partition (steps of 1.5 from 1/64 of each scale), in z on [0, 1/2] and u = 1 − z on [0, 1/2].
     */
    private static double adaptiveReference(double mass) {
        double x = Math.pow(mass / MMU, 2);
        IterativeLegendreGaussIntegrator integrator = new IterativeLegendreGaussIntegrator(8, 1e-13, 1e-30);
        double sum = 0;
        for (boolean zSide : new boolean[] {true, false}) {
            double scale = zSide ? 1 / x : Math.sqrt(x);
            List<Double> cuts = new ArrayList<>(List.of(0.0));
            for (double t = scale / 64; t < 0.5; t *= 1.5) {
                if (t > 1e-30) {
                    cuts.add(t);
                }
            }
            cuts.add(0.5);
            UnivariateFunction f = zSide
                    ? z -> z * (1 - z) * (1 - z) / ((1 - z) * (1 - z) + x * z)
                    : u -> (1 - u) * u * u / (u * u + x * (1 - u));
            for (int i = 0; i + 1 < cuts.size(); i++) {
                sum += integrator.integrate(10_000_000, f, cuts.get(i), cuts.get(i + 1));
            }
        }
        return sum / (4 * Math.PI * Math.PI);
    }

    @Test
    void fixedRuleAgreesWithAdaptiveIntegration() {
        for (double mass : new double[] {1e-6, 1e-4, 0.01, 0.05, 0.1, 0.2, 0.2113, 0.5, 1, 2, 5, 10, 100, 1e4}) {
            double expected = adaptiveReference(mass);
            assertEquals(expected, MuonAnomaly.deltaAMuPerGPrime2(mass), 1e-12 * expected, "M = " + mass);
        }
    }

    @Test
    void lightZPrimeLimit() {
        // M << m_mu: g'^2/(8 pi^2); corrections are O(M/m_mu)
        double limit = 1.0 / (8 * Math.PI * Math.PI);
        double previousError = Double.POSITIVE_INFINITY;
        for (double mass : new double[] {1e-3, 1e-4, 1e-5, 1e-6, 1e-8}) {
            double relError = Math.abs(MuonAnomaly.deltaAMuPerGPrime2(mass) / limit - 1);
            assertTrue(relError < previousError, "not converging at M = " + mass);
            assertTrue(relError < 5 * mass / MMU, "M = " + mass + ": relative deviation " + relError);
            previousError = relError;
        }
        assertEquals(limit, MuonAnomaly.deltaAMuPerGPrime2(1e-9), 1e-7 * limit);
        assertEquals(0.01 * limit, MuonAnomaly.deltaAMu(0.1, 1e-9), 1e-7 * limit);
    }

    @Test
    void heavyZPrimeLimit() {
        // M >> m_mu: g'^2 m_mu^2/(12 pi^2 M^2); corrections are O(m_mu^2/M^2 ln(M^2/m_mu^2))
        double previousError = Double.POSITIVE_INFINITY;
        for (double mass : new double[] {5.0, 50.0, 500.0, 5000.0}) {
            double limit = MMU * MMU / (12 * Math.PI * Math.PI * mass * mass);
            double relError = Math.abs(MuonAnomaly.deltaAMuPerGPrime2(mass) / limit - 1);
            double r = MMU * MMU / (mass * mass);
            assertTrue(relError < previousError, "not converging at M = " + mass);
            assertTrue(relError < 10 * r * Math.log(1 / r), "M = " + mass + ": relative deviation " + relError);
            previousError = relError;
        }
        double mass = 1e5;
        assertEquals(MMU * MMU / (12 * Math.PI * Math.PI * mass * mass), MuonAnomaly.deltaAMuPerGPrime2(mass),
                1e-7 * MMU * MMU / (12 * Math.PI * Math.PI * mass * mass));
    }

    @Test
    void scalesAsGPrimeSquaredAndInverts() {
        double d = MuonAnomaly.deltaAMuPerGPrime2(0.7);
        assertEquals(9e-6 * d, MuonAnomaly.deltaAMu(3e-3, 0.7), 1e-15 * d);
        assertEquals(3e-3, MuonAnomaly.gPrimeFor(MuonAnomaly.deltaAMu(3e-3, 0.7), 0.7), 1e-15);
    }

    @Test
    void publishedScenarios() {
        JsonNode s = SharedReference.physics().get("delta_a_mu_scenarios");
        assertEquals("1e-11", s.get("units").asText());
        assertEquals(3, DeltaAMuScenario.PUBLISHED.size());
        for (DeltaAMuScenario scenario : DeltaAMuScenario.PUBLISHED) {
            JsonNode ref = s.get(scenario.name());
            assertEquals(ref.get("central").asDouble(), scenario.central(), 0.0, scenario.name());
            assertEquals(ref.get("sigma").asDouble(), scenario.sigma(), 0.0, scenario.name());
            assertEquals(scenario, DeltaAMuScenario.byName(scenario.name().toUpperCase()));
        }
        assertEquals(251e-11, DeltaAMuScenario.BNL_FNAL_2021_WP2020.centralValue(), 1e-25);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> DeltaAMuScenario.byName("wp2030"));
        assertTrue(e.getMessage().contains("fnal_2023_wp2020"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> DeltaAMuScenario.custom(100, 0));
        assertThrows(InvalidInputException.class, () -> DeltaAMuScenario.custom(Double.NaN, 10));
    }

    @Test
    void bandEdgesReproduceTheScenarioValues() {
        DeltaAMuScenario s = DeltaAMuScenario.BNL_FNAL_2021_WP2020;
        for (double mass : new double[] {0.01, 0.2, 1.0, 5.0}) {
            G2Band band = MuonAnomaly.band(mass, s);
            assertTrue(band.hasLower());
            assertEquals((251 - 2 * 59) * 1e-11, MuonAnomaly.deltaAMu(band.lower(), mass), 1e-12 * 251e-11);
            assertEquals(251e-11, MuonAnomaly.deltaAMu(band.central(), mass), 1e-12 * 251e-11);
            assertEquals((251 + 2 * 59) * 1e-11, MuonAnomaly.deltaAMu(band.upper(), mass), 1e-12 * 251e-11);
            assertTrue(band.contains(band.central()));
            assertFalse(band.contains(0.99 * band.lower()));
            assertFalse(band.contains(1.01 * band.upper()));
        }
        // against the reference loop function at M = 1 GeV (physics.json), independent of our integral
        double ref = 8.600279406104869e-05;
        G2Band at1 = MuonAnomaly.band(1.0, s);
        assertEquals(Math.sqrt(133e-11 / ref), at1.lower(), 1e-9 * at1.lower());
        assertEquals(Math.sqrt(251e-11 / ref), at1.central(), 1e-9 * at1.central());
        assertEquals(Math.sqrt(369e-11 / ref), at1.upper(), 1e-9 * at1.upper());
        // at 1 sigma the band is narrower
        G2Band narrow = MuonAnomaly.band(1.0, s, 1.0);
        assertTrue(narrow.lower() > at1.lower() && narrow.upper() < at1.upper());
    }

    @Test
    void bandWithoutLowerEdge() {
        DeltaAMuScenario s = DeltaAMuScenario.FNAL_2025_WP2025; // 38 - 2*63 < 0
        G2Band band = MuonAnomaly.band(1.0, s);
        assertFalse(band.hasLower());
        assertEquals(0.0, band.lower());
        assertTrue(band.contains(0.0));
        assertEquals((38 + 126) * 1e-11, MuonAnomaly.deltaAMu(band.upper(), 1.0), 1e-12 * 164e-11);
        assertEquals(38e-11, MuonAnomaly.deltaAMu(band.central(), 1.0), 1e-12 * 38e-11);
        // exactly central - 2 sigma = 0: no lower edge either
        assertFalse(MuonAnomaly.band(1.0, DeltaAMuScenario.custom(100, 50)).hasLower());
        // negative central: central coupling 0, upper edge still defined
        G2Band negative = MuonAnomaly.band(1.0, DeltaAMuScenario.custom(-50, 40));
        assertEquals(0.0, negative.central());
        assertEquals(30e-11, MuonAnomaly.deltaAMu(negative.upper(), 1.0), 1e-12 * 30e-11);
        // nothing favoured at all
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MuonAnomaly.band(1.0, DeltaAMuScenario.custom(-100, 40)));
        assertTrue(e.getMessage().contains("custom"), e.getMessage());
    }

    @Test
    void rejectsBadMass() {
        assertThrows(InvalidInputException.class, () -> MuonAnomaly.deltaAMuPerGPrime2(0.0));
        assertThrows(InvalidInputException.class, () -> MuonAnomaly.deltaAMuPerGPrime2(-1.0));
        assertThrows(InvalidInputException.class, () -> MuonAnomaly.deltaAMuPerGPrime2(Double.NaN));
        assertThrows(InvalidInputException.class, () -> MuonAnomaly.deltaAMuPerGPrime2(1e300));
        assertThrows(InvalidInputException.class, () -> MuonAnomaly.deltaAMu(-0.1, 1.0));
        assertThrows(InvalidInputException.class, () -> MuonAnomaly.band(1.0, DeltaAMuScenario.FNAL_2023_WP2020, 0.0));
    }
}
