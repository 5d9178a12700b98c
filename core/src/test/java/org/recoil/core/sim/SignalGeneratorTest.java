package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.RecoilMass;
import org.recoil.core.mc.RandomStreams;
import org.recoil.core.physics.CrossSectionResult;
import org.recoil.core.physics.PhysicsConstants;
import org.recoil.core.physics.ProductionCrossSection;

class SignalGeneratorTest {
    private static final SignalGenerator GENERATOR = new SignalGenerator();
    private static final double M_MU = PhysicsConstants.MUON_MASS;

    @Test
    void sameSeedGivesIdenticalEventsAndTruthRecoilMassIsTheZPrimeMass() {
        double mass = 3.0;
        SignalSample a = GENERATOR.generate(mass, 20_000, 77L);
        SignalSample b = GENERATOR.generate(mass, 20_000, 77L);
        SignalSample c = GENERATOR.generate(mass, 20_000, 78L);
        assertEquals(a.events(), b.events());
        assertNotEquals(a.events(), c.events());
        assertEquals(20_000, a.size());
        assertTrue(a.label().startsWith("synthetic"));
        EventTable t = a.events();
        // the lab-frame recoil mass of core.kinematics (same beams) is the Z′ mass for every event
        double[] m2 = new RecoilMass(GENERATOR.beams()).recoilMass2(t.mu1Px(), t.mu1Py(), t.mu1Pz(), t.mu2Px(),
                t.mu2Py(), t.mu2Pz());
        for (double v : m2) {
            assertEquals(mass * mass, v, 1e-6);
        }
        for (int i = 0; i < t.size(); i++) {
            assertEquals(-1, t.charge1()[i]);
            assertEquals(+1, t.charge2()[i]);
            assertEquals(SignalGenerator.DEFAULT_SAMPLE, t.sample(i));
            if (i > 5) {
                break;
            }
        }
    }

    @Test
    void sigmaEstimateAndUnweightedAcceptanceMatchTheWeightedIntegrals() {
        // the fraction of unweighted events inside a lab acceptance must equal the fiducial
        // efficiency of the weighted 5-D integral (tests unweighting and the boost together)
        double mass = 1.5;
        int n = 40_000;
        SignalSample s = GENERATOR.generate(mass, n, 5L);
        ProductionCrossSection xs = GENERATOR.crossSection();
        CrossSectionResult total = xs.sigma(mass, 0.002, 5L);
        assertEquals(total.sigmaPb(), s.sigmaPb(), 4 * Math.hypot(total.errorPb(), s.sigmaErrorPb()));
        assertEquals(s.sigmaPb(), s.sumOfWeights(), 1e-9 * s.sigmaPb());
        assertTrue(s.overweightFraction() < 1e-3, "overweight fraction " + s.overweightFraction());
        assertTrue(s.unweightingEfficiency() > 0.2, "efficiency " + s.unweightingEfficiency());

        LabAcceptance acceptance = LabAcceptance.ofDegrees(30, 130, 1.0);
        FiducialCrossSection fid = FiducialCrossSection.compute(xs, mass, GENERATOR.beams(), acceptance, 0.003, 6L);
        EventTable t = s.events();
        int inside = 0;
        for (int r = 0; r < n; r++) {
            var p1 = t.muon1(r);
            var p2 = t.muon2(r);
            if (acceptance.accepts(new double[] {p1.e(), p1.px(), p1.py(), p1.pz()})
                    && acceptance.accepts(new double[] {p2.e(), p2.px(), p2.py(), p2.pz()})) {
                inside++;
            }
        }
        double fraction = (double) inside / n;
        double binomial = Math.sqrt(fraction * (1 - fraction) / n);
        assertEquals(fid.efficiency(), fraction, 4 * Math.hypot(binomial, fid.efficiencyError()));
    }

    @Test
    void smearingKeepsGeneratedEventsAndAppliesTheAcceptance(@TempDir Path dir) {
        double mass = 2.0;
        SignalSample truth = GENERATOR.generate(mass, 10_000, 9L);
        SignalSample reco = GENERATOR.generate(mass, 10_000, 9L, DetectorSmearing.belle2(), "signal_m2");
        assertEquals(truth.sigmaPb(), reco.sigmaPb());
        assertEquals(10_000, reco.generated());
        assertTrue(reco.size() < reco.generated() && reco.size() > 0.6 * reco.generated());
        assertEquals(reco.sigmaPb() * reco.size() / reco.generated(), reco.sumOfWeights(), 1e-3 * reco.sigmaPb());
        EventTable t = reco.events();
        double[] px = t.mu1Px();
        double[] py = t.mu1Py();
        double[] pz = t.mu1Pz();
        for (int r = 0; r < reco.size(); r++) {
            double theta = Math.toDegrees(Math.atan2(Math.hypot(px[r], py[r]), pz[r]));
            assertTrue(theta >= 17 && theta <= 150, "theta " + theta);
        }
        // the smeared recoil mass is spread around the Z′ mass
        double[] m2 = new RecoilMass(GENERATOR.beams()).recoilMass2(t.mu1Px(), t.mu1Py(), t.mu1Pz(), t.mu2Px(),
                t.mu2Py(), t.mu2Pz());
        double mean = 0;
        for (double v : m2) {
            mean += v / m2.length;
        }
        assertEquals(mass * mass, mean, 0.05);
        // event-table round trip
        Path csv = dir.resolve("signal.csv");
        EventWriter.write(t, csv);
        assertEquals(t, EventReader.read(csv));
    }

    @Test
    void momentumResolutionPullsHaveUnitWidth() {
        DetectorSmearing det = DetectorSmearing.belle2();
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(4L));
        double pt = 3.0;
        double pz = 2.0;
        double e = Math.sqrt(pt * pt + pz * pz + M_MU * M_MU);
        double beta = Math.sqrt(pt * pt + pz * pz) / e;
        double sigma = det.relativeTransverseMomentumResolution(pt, beta);
        assertEquals(Math.hypot(0.0011 * 3.0, 0.0025 / beta), sigma, 1e-15);
        int n = 20_000;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double[] p = {pt, 0, pz};
            det.smearMuon(p, 0, gauss);
            double pull = (Math.hypot(p[0], p[1]) / pt - 1) / sigma;
            sum += pull;
            sum2 += pull * pull;
        }
        double mean = sum / n;
        double std = Math.sqrt(sum2 / n - mean * mean);
        assertEquals(0.0, mean, 4 / Math.sqrt(n));
        assertEquals(1.0, std, 0.03);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(InvalidInputException.class, () -> GENERATOR.generate(2.0, 0, 1L));
        assertThrows(InvalidInputException.class, () -> GENERATOR.generate(11.0, 10, 1L));
        assertThrows(InvalidInputException.class, () -> DetectorSmearing.builder().momentumResolution(-1, 0).build());
        // a cross section at another √s than the beams would break four-momentum conservation
        assertThrows(InvalidInputException.class,
                () -> new SignalGenerator(new ProductionCrossSection(10.58), BeamConfiguration.belle2()));
    }
}
