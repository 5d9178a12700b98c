package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.analysis.integration.SimpsonIntegrator;
import org.junit.jupiter.api.Test;
import org.recoil.core.physics.PhysicsConstants;
import org.recoil.core.testing.SharedReference;

class TwoPhotonMuMuGeneratorTest {
    private static final double LUMI = 276.0;

    @Test
    void crossSectionIsThePhysicsReferenceValue() {
        JsonNode bkg = SharedReference.physics().get("backgrounds").get("sigma_nb");
        assertEquals(bkg.get("eemumu_two_photon").asDouble() * 1000.0, TwoPhotonMuMuGenerator.DEFAULT_CROSS_SECTION_PB, 1e-9);
    }

    /**
     * The model's own equivalent-photon cross section for W &gt; 0.5 GeV and untagged leptons
     * (theta &lt; 0.1 rad) must be close to the quoted 18.9 nb (leading-log EPA: within 20%).
     */
    @Test
    void equivalentPhotonCrossSectionMatchesTheQuotedValue() {
        double reference = SharedReference.physics().get("backgrounds").get("sigma_nb").get("eemumu_two_photon").asDouble() * 1000.0;
        double model = TwoPhotonMuMuGenerator.belle2().modelCrossSectionPb();
        assertEquals(reference, model, 0.2 * reference, "EPA model " + model + " pb");
    }

    /** Breit-Wheeler total cross section: massless limit (4 pi alpha^2/W^2)(ln(W^2/m^2) - 1). */
    @Test
    void breitWheelerHasTheMasslessLimit() {
        double w = 10.0;
        double m = PhysicsConstants.MUON_MASS;
        double a = PhysicsConstants.ALPHA;
        double massless = 4.0 * Math.PI * a * a / (w * w) * (Math.log(w * w / (m * m)) - 1.0);
        assertEquals(massless, TwoPhotonMuMuGenerator.breitWheeler(w), 2e-3 * massless);
        assertEquals(0.0, TwoPhotonMuMuGenerator.breitWheeler(1.9 * m));
    }

    /**
     * The angular sampler follows the Breit-Wheeler distribution: the fraction of events with
     * |cos| &lt; 0.5 equals the integral of the normalised density.
     */
    @Test
    void breitWheelerAngularSamplerMatchesTheDensity() {
        double w = 1.0;
        double beta = Math.sqrt(1.0 - 4.0 * PhysicsConstants.MUON_MASS * PhysicsConstants.MUON_MASS / (w * w));
        double b2 = beta * beta;
        SimpsonIntegrator simpson = new SimpsonIntegrator(1e-10, 1e-12, 3, 20);
        java.util.function.DoubleUnaryOperator f = c -> {
            double s2 = 1.0 - c * c;
            double d = 1.0 - b2 * c * c;
            return (1.0 + 2.0 * b2 * s2 - b2 * b2 * (1.0 + s2 * s2)) / (d * d);
        };
        double central = simpson.integrate(1_000_000, f::applyAsDouble, -0.5, 0.5);
        double total = central + 2.0 * simpson.integrate(1_000_000, f::applyAsDouble, 0.5, 1.0);
        double expected = central / total;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        int n = 200_000;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(TwoPhotonMuMuGenerator.breitWheelerCosine(rng, beta)) < 0.5) {
                inside++;
            }
        }
        double sigma = Math.sqrt(expected * (1 - expected) / n);
        assertEquals(expected, inside / (double) n, 4.0 * sigma);
    }

    @Test
    void sameSeedGivesIdenticalEvents() {
        TwoPhotonMuMuGenerator gen = TwoPhotonMuMuGenerator.belle2();
        SimulatedEvents a = gen.generate(30_000, 21L, LUMI);
        SimulatedEvents b = gen.generate(30_000, 21L, LUMI);
        for (String col : SimulatedEvents.COLUMNS) {
            assertArrayEquals(a.column(col), b.column(col), col);
        }
    }

    /**
     * Low-mass, low-pT muon pairs boosted along the beam: the recoil mass is close to sqrt(s)
     * (M_rec^2 mostly above 64 GeV^2), the pair pT small, and no photon is ever seen.
     */
    @Test
    void recoilMassIsHighAndPairTransverseMomentumSmall() {
        SimulatedEvents ev = TwoPhotonMuMuGenerator.belle2().generate(100_000, 23L, LUMI);
        double[] m2 = Observables.recoilMass2(ev);
        assertTrue(Observables.quantile(m2, 0.5) > 64.0, "median M_rec^2 " + Observables.quantile(m2, 0.5));
        assertTrue(Observables.fraction(m2, -1e9, 9.0) < 0.01, "fraction below 9 GeV^2");
        double[] pt = Observables.dimuonPtCm(ev);
        assertTrue(Observables.quantile(pt, 0.5) < 0.1, "median pT " + Observables.quantile(pt, 0.5));
        assertTrue(Observables.quantile(pt, 0.999) < 1.0, "99.9% pT quantile " + Observables.quantile(pt, 0.999));
        for (double e : ev.column("extra_energy")) {
            assertEquals(0.0, e);
        }
    }
}
