package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.testing.SharedReference;

class TauPairGeneratorTest {
    private static final double LUMI = 276.0;

    @Test
    void crossSectionIsSigmaTimesBranchingFractionSquared() {
        JsonNode bkg = SharedReference.physics().get("backgrounds");
        double br = bkg.get("br_tau_to_mu_nu_nu").asDouble();
        double sigma = bkg.get("sigma_nb").get("tautau_gamma").asDouble() * 1000.0;
        assertEquals(sigma * br * br, TauPairGenerator.DEFAULT_CROSS_SECTION_PB, 1e-9);
        assertEquals(sigma * br * br, TauPairGenerator.belle2().crossSectionPb(), 1e-9);
    }

    /** Michel spectrum x^2 (3 - 2x), normalised 2x^2(3 - 2x): mean 7/10, variance 1/25... */
    @Test
    void michelSpectrumHasTheRightMoments() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        int n = 400_000;
        double sum = 0.0;
        double sum2 = 0.0;
        for (int i = 0; i < n; i++) {
            double x = TauPairGenerator.michelFraction(rng);
            sum += x;
            sum2 += x * x;
        }
        double mean = sum / n;
        // <x> = int 2x^3(3-2x) = 7/10; <x^2> = int 2x^4(3-2x) = 6/5 - 2/3 = 8/15
        double var = 8.0 / 15.0 - 0.49;
        assertEquals(0.7, mean, 4.0 * Math.sqrt(var / n));
        assertEquals(8.0 / 15.0, sum2 / n, 4e-3);
    }

    @Test
    void sameSeedGivesIdenticalEvents() {
        TauPairGenerator gen = TauPairGenerator.belle2();
        SimulatedEvents a = gen.generate(20_000, 99L, LUMI);
        SimulatedEvents b = gen.generate(20_000, 99L, LUMI);
        for (String col : SimulatedEvents.COLUMNS) {
            assertArrayEquals(a.column(col), b.column(col), col);
        }
    }

    /**
     * Four neutrinos escape: the recoil mass is broad and high (most events well above 4 GeV^2,
     * none near 0), and bounded by s.
     */
    @Test
    void recoilMassIsBroadAtHighValues() {
        SimulatedEvents ev = TauPairGenerator.belle2().generate(50_000, 13L, LUMI);
        double[] m2 = Observables.recoilMass2(ev);
        double median = Observables.quantile(m2, 0.5);
        assertTrue(median > 30.0 && median < 80.0, "median M_rec^2 " + median);
        assertTrue(Observables.fraction(m2, -1e9, 1.0) < 0.002, "fraction below 1 GeV^2");
        double q10 = Observables.quantile(m2, 0.1);
        double q90 = Observables.quantile(m2, 0.9);
        assertTrue(q90 - q10 > 30.0, "broad: 10-90% range " + q10 + " .. " + q90);
        double s = BeamConfiguration.belle2().s();
        for (double t : ev.column("true_recoil_mass2")) {
            assertTrue(t >= 0.0 && t < s, "generator-level M_rec^2 " + t);
        }
    }
}
