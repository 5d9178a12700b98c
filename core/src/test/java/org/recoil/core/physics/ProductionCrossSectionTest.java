package org.recoil.core.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;

/** The checks and values of {@code physics.json → cross_section}. */
class ProductionCrossSectionTest {
    private static final JsonNode REF = SharedReference.physics().get("cross_section");
    private static final double TOLERANCE = REF.get("tolerance_relative").asDouble();
    private static final double SQRT_S = PhysicsConstants.SQRT_S_BELLE2;
    private static final ProductionCrossSection XS = new ProductionCrossSection();

    @Test
    void bornNormalisationWithTheSamePhaseSpaceCode() {
        // check 1: σ(e+e− → μ+μ−) = 4πα²/(3s) = 775.9 pb
        double pointLike = ProductionCrossSection.bornSigmaPointLike(SQRT_S);
        assertEquals(775.9, pointLike, 0.05);
        CrossSectionResult mc = XS.bornSigma(5e-4, 17L);
        double beta2 = 1 - 4 * PhysicsConstants.MUON_MASS * PhysicsConstants.MUON_MASS / (SQRT_S * SQRT_S);
        double massive = pointLike * Math.sqrt(beta2) * (3 - beta2) / 2;
        assertTrue(mc.relativeError() <= 5e-4);
        assertEquals(massive, mc.sigmaPb(), 4 * mc.errorPb());
        assertEquals(pointLike, mc.sigmaPb(), 1e-3 * pointLike);
    }

    @Test
    void masslessLimitIsTheVectorEmissionFormula() {
        // check 2: M → 0, m → 0: dσ/dx₁dx₂ = σ_B (α′/2π)(x₁² + x₂²)/((1 − x₁)(1 − x₂)), α′ = 1/(4π)
        ProductionCrossSection massless = XS.withMuonMass(1e-6);
        double sigmaBorn = ProductionCrossSection.bornSigmaPointLike(SQRT_S);
        double alphaPrime = 1.0 / (4 * Math.PI);
        double[][] points = {{0.5, 0.7}, {0.8, 0.9}, {0.3, 0.95}, {0.99, 0.6}, {0.75, 0.75}, {0.4, 0.62}};
        for (double[] x : points) {
            double expected = sigmaBorn * alphaPrime / (2 * Math.PI) * (x[0] * x[0] + x[1] * x[1])
                    / ((1 - x[0]) * (1 - x[1]));
            double got = massless.dalitzDensity(1e-5, x[0], x[1]);
            assertEquals(expected, got, 1e-6 * expected, "x1=" + x[0] + ", x2=" + x[1]);
        }
    }

    @Test
    void smallMassFormulaAtThreeHundredMeV() {
        // check 4: σ ≈ σ_B (α′/2π)[L² + 3L + 5 − π²/3], L = ln(M²/s), within 1% at M = 0.3 GeV.
        // The formula is the m_μ → 0 limit (collinear logs regulated by M only), so it is checked
        // with m_μ = 1e-4 GeV; with the physical muon mass σ is lower by 1.5% (m_μ²/M² effects).
        double mass = 0.3;
        double s = SQRT_S * SQRT_S;
        double l = Math.log(mass * mass / s);
        double formula = ProductionCrossSection.bornSigmaPointLike(SQRT_S) / (8 * Math.PI * Math.PI)
                * (l * l + 3 * l + 5 - Math.PI * Math.PI / 3);
        CrossSectionResult r = XS.withMuonMass(1e-4).sigma(mass, 0.002, 3L);
        assertEquals(formula, r.sigmaPb(), 0.01 * formula);
    }

    @Test
    void referenceValuesWithinTolerance() {
        for (JsonNode v : REF.get("values_pb")) {
            double mass = v.get("mass").asDouble();
            double expected = v.get("sigma").asDouble();
            CrossSectionResult r = XS.sigma(mass, 0.002, 2024L);
            assertTrue(r.relativeError() <= 0.002, "precision at M=" + mass);
            assertEquals(expected, r.sigmaPb(), TOLERANCE * expected, "sigma at M=" + mass);
            // and consistent with the reference within the statistical error plus 0.2%
            assertEquals(expected, r.sigmaPb(), 4 * r.errorPb() + 0.002 * expected, "sigma at M=" + mass);
        }
    }

    @Test
    void fiveDimensionalFullMatrixElementAgreesWithBeamAveragedTotal() {
        // the full e+e− tensor integrated over all five variables equals the beam-averaged 2-D total
        var r = XS.integrator().integrate(XS.eventDensity(2.0), ThreeBodyPhaseSpace.DIMENSION, 0.003,
                org.recoil.core.mc.RandomStreams.stream(9L));
        CrossSectionResult total = XS.sigma(2.0, 0.003, 9L);
        assertEquals(total.sigmaPb(), r.value(), 4 * Math.hypot(total.errorPb(), r.error()));
    }

    @Test
    void sameSeedSameNumberAndSigmaScalesAsGPrimeSquared() {
        CrossSectionResult a = XS.sigma(1.0, 0.003, 5L);
        CrossSectionResult b = XS.sigma(1.0, 0.003, 5L);
        CrossSectionResult c = XS.sigma(1.0, 0.003, 6L);
        assertEquals(a, b);
        assertNotEquals(a.sigmaPb(), c.sigmaPb());
        assertEquals(a.sigmaPb() * 1e-6, a.sigmaPb(1e-3), 1e-15 * a.sigmaPb());
    }

    @Test
    void rejectsBadInput() {
        assertThrows(InvalidInputException.class, () -> XS.sigma(-1.0));
        assertThrows(InvalidInputException.class, () -> XS.sigma(0.0));
        assertThrows(InvalidInputException.class, () -> XS.sigma(XS.maxZPrimeMass()));
        assertThrows(InvalidInputException.class, () -> XS.sigma(1.0, 0.0, 1L));
        assertThrows(InvalidInputException.class, () -> new ProductionCrossSection(0.1));
    }
}
