package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.mc.RandomStreams;
import org.recoil.core.physics.CollidingBeams;
import org.recoil.core.physics.CrossSectionResult;
import org.recoil.core.physics.FiducialCrossSection;
import org.recoil.core.physics.LabAcceptance;
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
        assertTrue(a.sameEvents(b));
        assertFalse(a.sameEvents(c));
        assertEquals(20_000, a.size());
        assertTrue(a.label().startsWith("synthetic"));
        // the initial state in the lab: the CM four-vector (√s, 0) boosted
        double[] total = new double[4];
        GENERATOR.beams().labTransform().toLab(new double[] {a.sqrtS(), 0, 0, 0}, total);
        double[][] cols = new double[8][];
        for (int i = 0; i < 8; i++) {
            cols[i] = a.column(SignalSample.COLUMNS.get(i));
        }
        for (int r = 0; r < a.size(); r++) {
            double e1 = Math.sqrt(sq(cols[0][r]) + sq(cols[1][r]) + sq(cols[2][r]) + M_MU * M_MU);
            double e2 = Math.sqrt(sq(cols[4][r]) + sq(cols[5][r]) + sq(cols[6][r]) + M_MU * M_MU);
            double re = total[0] - e1 - e2;
            double rx = total[1] - cols[0][r] - cols[4][r];
            double ry = total[2] - cols[1][r] - cols[5][r];
            double rz = total[3] - cols[2][r] - cols[6][r];
            double recoil = Math.sqrt(re * re - rx * rx - ry * ry - rz * rz);
            assertEquals(mass, recoil, 1e-6);
            assertEquals(-1.0, cols[3][r]);
            assertEquals(1.0, cols[7][r]);
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
        FiducialCrossSection fid = xs.fiducial(mass, CollidingBeams.belle2(), acceptance, 0.003, 6L);
        double[] px1 = s.column("mu1_px");
        double[] py1 = s.column("mu1_py");
        double[] pz1 = s.column("mu1_pz");
        double[] px2 = s.column("mu2_px");
        double[] py2 = s.column("mu2_py");
        double[] pz2 = s.column("mu2_pz");
        int inside = 0;
        for (int r = 0; r < n; r++) {
            double[] p1 = {Math.sqrt(sq(px1[r]) + sq(py1[r]) + sq(pz1[r]) + M_MU * M_MU), px1[r], py1[r], pz1[r]};
            double[] p2 = {Math.sqrt(sq(px2[r]) + sq(py2[r]) + sq(pz2[r]) + M_MU * M_MU), px2[r], py2[r], pz2[r]};
            if (acceptance.accepts(p1) && acceptance.accepts(p2)) {
                inside++;
            }
        }
        double fraction = (double) inside / n;
        double binomial = Math.sqrt(fraction * (1 - fraction) / n);
        assertEquals(fid.efficiency(), fraction, 4 * Math.hypot(binomial, fid.efficiencyError()));
    }

    @Test
    void smearingKeepsGeneratedEventsAndAppliesTheAcceptance() {
        double mass = 2.0;
        SignalSample truth = GENERATOR.generate(mass, 10_000, 9L);
        SignalSample reco = GENERATOR.generate(mass, 10_000, 9L, DetectorSmearing.belle2Like());
        assertEquals(truth.sigmaPb(), reco.sigmaPb());
        assertEquals(10_000, reco.generated());
        assertTrue(reco.size() < reco.generated() && reco.size() > 0.6 * reco.generated());
        assertEquals(reco.sigmaPb() * reco.size() / reco.generated(), reco.sumOfWeights(), 1e-3 * reco.sigmaPb());
        // every row is inside 17°–150° and its direction is that of a truth event
        double[] px = reco.column("mu1_px");
        double[] py = reco.column("mu1_py");
        double[] pz = reco.column("mu1_pz");
        for (int r = 0; r < reco.size(); r++) {
            double theta = Math.toDegrees(Math.atan2(Math.hypot(px[r], py[r]), pz[r]));
            assertTrue(theta >= 17 && theta <= 150, "theta " + theta);
        }
        StringWriter csv = new StringWriter();
        reco.writeCsv(csv);
        String[] lines = csv.toString().split("\n");
        assertTrue(lines[0].startsWith("# synthetic"));
        assertEquals(String.join(",", SignalSample.COLUMNS), lines[1]);
        assertEquals(reco.size() + 2, lines.length);
    }

    @Test
    void momentumResolutionPullsHaveUnitWidth() {
        DetectorSmearing det = DetectorSmearing.belle2Like();
        NormalizedGaussianSampler gauss = ZigguratSampler.NormalizedGaussian.of(RandomStreams.stream(4L));
        double pt = 3.0;
        double pz = 2.0;
        double e = Math.sqrt(pt * pt + pz * pz + M_MU * M_MU);
        double beta = Math.sqrt(pt * pt + pz * pz) / e;
        double sigma = det.relativeResolution(pt, beta);
        assertEquals(Math.hypot(0.0011 * 3.0, 0.0025 / beta), sigma, 1e-15);
        int n = 20_000;
        double sum = 0;
        double sum2 = 0;
        for (int i = 0; i < n; i++) {
            double[] p = {e, pt, 0, pz};
            det.smear(p, M_MU, gauss);
            double pull = (p[1] / pt - 1) / sigma;
            assertEquals(p[3] / pz, p[1] / pt, 1e-12);
            assertEquals(Math.sqrt(p[1] * p[1] + p[3] * p[3] + M_MU * M_MU), p[0], 1e-12);
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
        assertThrows(InvalidInputException.class, () -> new DetectorSmearing(-1, 0, 0, 1));
    }

    private static double sq(double x) {
        return x * x;
    }
}
