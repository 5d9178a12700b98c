package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventReader;
import org.recoil.core.events.EventTable;
import org.recoil.core.events.EventWriter;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.RecoilMass;
import org.recoil.core.physics.CrossSectionResult;
import org.recoil.core.physics.PhysicsConstants;
import org.recoil.core.physics.ProductionCrossSection;

class SignalGeneratorTest {
    private static final BeamConfiguration BEAMS = BeamConfiguration.belle2();
    private static final double M_MU = PhysicsConstants.MUON_MASS;

    @Test
    void sameSeedGivesIdenticalEventsAndTheRecoilMassIsTheZPrimeMass() {
        double mass = 3.0;
        SignalGenerator g = SignalGenerator.truthLevel(mass, BEAMS);
        SimulatedEvents a = g.generate(5_000, 77L, 10.0);
        SimulatedEvents b = g.generate(5_000, 77L, 10.0);
        SimulatedEvents c = g.generate(5_000, 78L, 10.0);
        assertTrue(Arrays.equals(a.column("mu1_px"), b.column("mu1_px")));
        assertTrue(Arrays.equals(a.column("mu2_pz"), b.column("mu2_pz")));
        assertFalse(Arrays.equals(a.column("mu1_px"), c.column("mu1_px")));
        assertEquals("zprime_3.000", a.sample());
        assertTrue(a.synthetic());
        assertEquals(5_000, a.size());
        // weights σL/N, summing to σL (no acceptance at truth level)
        assertEquals(g.crossSectionPb() * 10.0, a.sumOfWeights(), 1e-9 * g.crossSectionPb() * 10.0);
        // the lab-frame recoil mass of core.kinematics (same beams) is the Z′ mass for every event
        double[] m2 = new RecoilMass(BEAMS).recoilMass2(a.column("mu1_px"), a.column("mu1_py"), a.column("mu1_pz"),
                a.column("mu2_px"), a.column("mu2_py"), a.column("mu2_pz"));
        double[] trueM2 = a.column("true_recoil_mass2");
        double[] q1 = a.column("mu1_charge");
        double[] q2 = a.column("mu2_charge");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(mass * mass, m2[i], 1e-6);
            assertEquals(mass * mass, trueM2[i], 1e-6);
            assertEquals(+1.0, q1[i]);
            assertEquals(-1.0, q2[i]);
        }
    }

    @Test
    void normalisationAndUnweightedAcceptanceMatchTheWeightedIntegrals() {
        // the fraction of unweighted events inside a lab acceptance must equal the fiducial
        // efficiency of the weighted 5-D integral (tests the unweighting and the boost together)
        double mass = 1.5;
        SignalGenerator g = SignalGenerator.truthLevel(mass, BEAMS);
        ProductionCrossSection xs = g.productionCrossSection();
        assertEquals(BEAMS.sqrtS(), xs.sqrtS(), 1e-12);
        CrossSectionResult sigma = xs.sigma(mass, SignalGenerator.SIGMA_PRECISION, SignalGenerator.DEFAULT_SETUP_SEED);
        assertEquals(sigma.sigmaPb(), g.crossSectionPb());
        assertEquals(sigma.errorPb(), g.crossSectionErrorPb());
        assertTrue(g.unweightingEfficiency() > 0.2, "efficiency " + g.unweightingEfficiency());
        assertTrue(g.overweightFraction() < 1e-3, "overweight fraction " + g.overweightFraction());

        int n = 25_000;
        SimulatedEvents s = g.generate(n, 5L, 1.0);
        LabAcceptance acceptance = LabAcceptance.ofDegrees(30, 130, 1.0);
        FiducialCrossSection fid = FiducialCrossSection.compute(xs, mass, BEAMS, acceptance, 0.003, 6L);
        double[][] p = new double[6][];
        String[] names = {"mu1_px", "mu1_py", "mu1_pz", "mu2_px", "mu2_py", "mu2_pz"};
        for (int c = 0; c < 6; c++) {
            p[c] = s.column(names[c]);
        }
        int inside = 0;
        for (int r = 0; r < n; r++) {
            double[] a = {energy(p[0][r], p[1][r], p[2][r]), p[0][r], p[1][r], p[2][r]};
            double[] b = {energy(p[3][r], p[4][r], p[5][r]), p[3][r], p[4][r], p[5][r]};
            if (acceptance.accepts(a) && acceptance.accepts(b)) {
                inside++;
            }
        }
        double fraction = (double) inside / n;
        double binomial = Math.sqrt(fraction * (1 - fraction) / n);
        assertEquals(fid.efficiency(), fraction, 4 * Math.hypot(binomial, fid.efficiencyError()));
    }

    @Test
    void belle2DetectorLevelSampleAndEventTable(@TempDir Path dir) {
        double mass = 2.0;
        SignalGenerator g = SignalGenerator.belle2(mass);
        double lumi = 276.0;
        SimulatedEvents s = g.generate(5_000, 9L, lumi);
        assertEquals(5_000, s.generatedEvents());
        assertTrue(s.size() < 5_000 && s.size() > 3_000, "accepted " + s.size());
        assertEquals(g.crossSectionPb() * lumi * s.size() / 5_000, s.sumOfWeights(), 1e-9 * g.crossSectionPb() * lumi);
        double[] px = s.column("mu1_px");
        double[] py = s.column("mu1_py");
        double[] pz = s.column("mu1_pz");
        for (int r = 0; r < s.size(); r++) {
            double theta = Math.toDegrees(Math.atan2(Math.hypot(px[r], py[r]), pz[r]));
            assertTrue(theta >= 17 && theta <= 150, "theta " + theta);
        }
        // the measured recoil mass² is spread around M² (momentum resolution), the truth is M²
        double[] m2 = new RecoilMass(BEAMS).recoilMass2(px, py, pz, s.column("mu2_px"), s.column("mu2_py"),
                s.column("mu2_pz"));
        double mean = Arrays.stream(m2).average().orElseThrow();
        assertEquals(mass * mass, mean, 0.05);
        assertTrue(Arrays.stream(m2).anyMatch(v -> Math.abs(v - mass * mass) > 1e-3));
        // event-table round trip
        EventTable t = s.toEventTable();
        Path csv = dir.resolve("signal.csv");
        EventWriter.write(t, csv);
        assertEquals(t, EventReader.read(csv));
        assertEquals(SyntheticDataset.signalSampleName(mass), t.sample(0));
    }

    @Test
    void pseudoDataCountFollowsSigmaTimesLuminosity() {
        SignalGenerator g = SignalGenerator.truthLevel(6.0, BEAMS);
        double lumi = 5_000.0;
        SimulatedEvents d = g.generateUnweighted(lumi, 3L);
        double mean = g.crossSectionPb() * lumi;
        assertEquals(mean, d.generatedEvents(), 5 * Math.sqrt(mean));
        assertEquals(d.generatedEvents(), d.size());
        assertEquals(d.size(), d.sumOfWeights(), 1e-9);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(InvalidInputException.class, () -> SignalGenerator.belle2(11.0));
        assertThrows(InvalidInputException.class, () -> SignalGenerator.belle2(-1.0));
        SignalGenerator g = SignalGenerator.truthLevel(4.0, BEAMS);
        assertThrows(InvalidInputException.class, () -> g.generate(0, 1L, 1.0));
        assertThrows(InvalidInputException.class, () -> g.generate(10, 1L, -1.0));
    }

    private static double energy(double px, double py, double pz) {
        return Math.sqrt(px * px + py * py + pz * pz + M_MU * M_MU);
    }
}
