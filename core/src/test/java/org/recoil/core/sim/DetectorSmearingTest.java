package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.PhysicsConstants;

class DetectorSmearingTest {
    private final DetectorSmearing belle2 = DetectorSmearing.belle2();

    /** The measured spread of pT/pT for a 3 GeV muon at 90 degrees is a pT (+) b/beta. */
    @Test
    void transverseMomentumResolutionFollowsTheParametrisation() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(1L);
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(rng);
        double pT = 3.0;
        int n = 200_000;
        double sum = 0.0;
        double sum2 = 0.0;
        double[] p = new double[3];
        for (int i = 0; i < n; i++) {
            p[0] = pT;
            p[1] = 0.0;
            p[2] = 0.0;
            belle2.smearMuon(p, 0, gauss);
            double r = Math.hypot(p[0], p[1]) / pT - 1.0;
            sum += r;
            sum2 += r * r;
        }
        double beta = pT / Math.hypot(pT, PhysicsConstants.MUON_MASS);
        double expected = Math.hypot(0.0011 * pT, 0.0025 / beta);
        double rms = Math.sqrt(sum2 / n - (sum / n) * (sum / n));
        assertEquals(expected, rms, 0.01 * expected);
        assertEquals(expected, belle2.relativeTransverseMomentumResolution(pT, beta), 1e-15);
        assertEquals(0.0, sum / n, 4.0 * expected / Math.sqrt(n));
    }

    @Test
    void acceptanceEdgesAreTheBelle2PolarAngles() {
        assertTrue(belle2.inTrackAcceptance(Math.sin(Math.toRadians(17.1)), 0, Math.cos(Math.toRadians(17.1))));
        assertTrue(!belle2.inTrackAcceptance(Math.sin(Math.toRadians(16.9)), 0, Math.cos(Math.toRadians(16.9))));
        assertTrue(belle2.inTrackAcceptance(0, Math.sin(Math.toRadians(149.9)), Math.cos(Math.toRadians(149.9))));
        assertTrue(!belle2.inTrackAcceptance(0, Math.sin(Math.toRadians(150.1)), Math.cos(Math.toRadians(150.1))));
        assertTrue(belle2.withAcceptanceApplied(false).inTrackAcceptance(0, 0, 1));
        assertTrue(belle2.inCalorimeterAcceptance(Math.sin(Math.toRadians(13)), 0, Math.cos(Math.toRadians(13))));
        assertTrue(!belle2.inCalorimeterAcceptance(Math.sin(Math.toRadians(12)), 0, Math.cos(Math.toRadians(12))));
    }

    @Test
    void photonsOutsideTheCalorimeterOrBelowThresholdAreNotSeen() {
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(RandomSource.XO_RO_SHI_RO_128_PP.create(2L));
        assertEquals(0.0, belle2.measuredPhotonEnergy(2.0, 0.0, 0.01, 2.0, gauss));
        assertEquals(0.0, belle2.measuredPhotonEnergy(0.05, 0.05, 0.0, 0.0, gauss));
        double e = belle2.measuredPhotonEnergy(2.0, 2.0, 0.0, 0.0, gauss);
        assertEquals(2.0, e, 0.2);
    }

    /**
     * After smearing with the acceptance applied, every stored muon is inside 17-150 degrees and
     * above the 0.6 GeV identification threshold, for every process including the signal.
     */
    @Test
    void everyStoredMuonIsInsideTheAcceptance() {
        List<EventGenerator> gens = List.of(MuMuGammaGenerator.belle2(), TauPairGenerator.belle2(),
                TwoPhotonMuMuGenerator.belle2(), SignalGenerator.belle2(3.0));
        for (EventGenerator gen : gens) {
            SimulatedEvents ev = gen.generate(30_000, 9L, 1.0);
            assertTrue(ev.size() > 500, gen.process() + " kept " + ev.size());
            for (int mu = 1; mu <= 2; mu++) {
                for (double theta : Observables.polarAngleDeg(ev, mu)) {
                    assertTrue(theta > 17.0 && theta < 150.0, gen.process() + " muon " + mu + " at " + theta + " deg");
                }
                double[] px = ev.column("mu" + mu + "_px");
                double[] py = ev.column("mu" + mu + "_py");
                double[] pz = ev.column("mu" + mu + "_pz");
                for (int i = 0; i < px.length; i++) {
                    double p = Math.sqrt(px[i] * px[i] + py[i] * py[i] + pz[i] * pz[i]);
                    assertTrue(p >= 0.6, gen.process() + " muon " + mu + " with p = " + p);
                }
            }
        }
    }

    @Test
    void invalidParametersAreRejected() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DetectorSmearing.builder().momentumResolution(-1, 0).build());
        assertTrue(e.getMessage().contains("non-negative"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> DetectorSmearing.builder().trackAcceptance(150, 17).build());
        assertThrows(InvalidInputException.class, () -> DetectorSmearing.builder().minMuonMomentum(Double.NaN).build());
    }

    /** Muons below the identification threshold are not reconstructed; photons in ECL gaps are lost. */
    @Test
    void slowMuonsAndPhotonsInGapsAreLost() {
        double c = Math.cos(Math.toRadians(90));
        assertTrue(!belle2.inTrackAcceptance(0.55, 0, 0.55 * c));
        assertTrue(belle2.inTrackAcceptance(0.65, 0, 0.65 * c));
        for (double gapDeg : new double[] {31.8, 129.5}) {
            double t = Math.toRadians(gapDeg);
            assertTrue(!belle2.inCalorimeterAcceptance(Math.sin(t), 0, Math.cos(t)), "gap at " + gapDeg);
        }
        double t = Math.toRadians(90);
        assertTrue(belle2.inCalorimeterAcceptance(Math.sin(t), 0, Math.cos(t)));
    }
}
