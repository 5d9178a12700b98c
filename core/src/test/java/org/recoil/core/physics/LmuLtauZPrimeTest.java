package org.recoil.core.physics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.testing.SharedReference;

class LmuLtauZPrimeTest {

    private static final LmuLtauZPrime MODEL = LmuLtauZPrime.INSTANCE;

    @Test
    void brInvisibleMatchesReferenceTo1e9() {
        JsonNode widths = SharedReference.physics().get("widths");
        double tol = widths.get("tolerance_relative").asDouble();
        assertEquals(1e-9, tol);
        int n = 0;
        for (JsonNode point : widths.get("br_invisible")) {
            double mass = point.get("mass").asDouble();
            double expected = point.get("value").asDouble();
            double actual = MODEL.brInvisible(mass);
            assertEquals(expected, actual, tol * expected, "BR_inv at M = " + mass);
            // the interface method gives the same, for any g'
            assertEquals(actual, MODEL.brInvisible(mass, 0.01), 1e-15);
            n++;
        }
        assertEquals(6, n);
    }

    @Test
    void partialWidthsFollowTheFormulas() {
        double m = 5.0;
        double g = 0.1;
        PartialWidths w = MODEL.partialWidths(m, g);
        double rmu = Math.pow(PhysicsConstants.MUON_MASS / m, 2);
        double rtau = Math.pow(PhysicsConstants.TAU_MASS / m, 2);
        double pre = g * g * m / (12 * Math.PI);
        assertEquals(pre * (1 + 2 * rmu) * Math.sqrt(1 - 4 * rmu), w.muMu(), 1e-15 * pre);
        assertEquals(pre * (1 + 2 * rtau) * Math.sqrt(1 - 4 * rtau), w.tauTau(), 1e-15 * pre);
        assertEquals(pre / 2, w.nuMuNuMu(), 1e-15 * pre);
        assertEquals(pre / 2, w.nuTauNuTau(), 1e-15 * pre);
        assertEquals(0.0, w.chiChi());
        assertEquals(w.muMu() + w.tauTau() + w.nuMuNuMu() + w.nuTauNuTau(), MODEL.totalWidth(m, g), 1e-15 * pre);
        assertEquals(1.0, w.brInvisible() + w.brMuMu() + w.brTauTau(), 1e-15);
        // widths scale as g'^2
        assertEquals(4.0 * w.total(), MODEL.totalWidth(m, 2 * g), 1e-14 * w.total());
    }

    @Test
    void limitsOfTheInvisibleBranchingFraction() {
        // below 2 m_mu only neutrinos: exactly 1
        assertEquals(1.0, MODEL.brInvisible(2 * PhysicsConstants.MUON_MASS * 0.999));
        assertEquals(1.0, MODEL.brInvisible(2 * PhysicsConstants.MUON_MASS));
        assertEquals(1.0, MODEL.brInvisible(1e-6));
        // between 2 m_mu and 2 m_tau, far from the thresholds: -> 1/2 (mu pair and two nu flavours equal)
        assertEquals(0.5, MODEL.brInvisible(2 * PhysicsConstants.TAU_MASS * 0.999), 2e-3);
        assertTrue(MODEL.brInvisible(3.0) > 0.5);
        // far above 2 m_tau: -> 1/3
        assertEquals(1.0 / 3.0, MODEL.brInvisible(1000.0), 1e-5);
        assertTrue(MODEL.brInvisible(10.0) > 1.0 / 3.0);
        // just above the mu threshold the mu width vanishes like beta: BR stays close to 1
        assertEquals(1.0, MODEL.brInvisible(2 * PhysicsConstants.MUON_MASS * 1.000001), 3e-3);
    }

    @Test
    void brInvisibleDecreasesWithMass() {
        double previous = 1.0;
        for (double m = 0.05; m < 10.6; m += 0.01) {
            double br = MODEL.brInvisible(m);
            assertTrue(br <= previous + 1e-15, "BR_inv rises at M = " + m);
            previous = br;
        }
    }

    @Test
    void darkDominatedHasBrInvisibleOne() {
        ZPrimeModel dark = ZPrimeModel.darkDominated();
        for (double m : new double[] {0.1, 1.0, 5.0, 9.0}) {
            assertEquals(1.0, dark.brInvisible(m, 0.01));
        }
        assertThrows(InvalidInputException.class, () -> dark.brInvisible(-1.0, 0.1));
    }

    @Test
    void darkSectorWithExplicitDarkMatter() {
        double mass = 3.0;
        double g = 0.01;
        double mChi = 0.5;
        double gChi = 0.1;
        DarkSectorZPrime dark = new DarkSectorZPrime(mChi, gChi);
        PartialWidths w = dark.partialWidths(mass, g);
        double r = mChi * mChi / (mass * mass);
        double chi = gChi * gChi * mass / (12 * Math.PI) * (1 + 2 * r) * Math.sqrt(1 - 4 * r);
        assertEquals(chi, w.chiChi(), 1e-15 * chi);
        PartialWidths sm = MODEL.partialWidths(mass, g);
        double expectedBr = (sm.invisible() + chi) / (sm.total() + chi);
        assertEquals(expectedBr, dark.brInvisible(mass, g), 1e-14);
        // g_chi >> g': BR -> 1; g_chi = 0: back to the minimal model
        assertEquals(1.0, new DarkSectorZPrime(mChi, 1.0).brInvisible(mass, 1e-4), 1e-6);
        assertEquals(MODEL.brInvisible(mass), new DarkSectorZPrime(mChi, 0.0).brInvisible(mass, g), 1e-15);
        // closed chi channel (M < 2 m_chi): minimal model
        assertEquals(MODEL.brInvisible(0.9), new DarkSectorZPrime(mChi, gChi).brInvisible(0.9, g), 1e-15);
        // massless chi with g_chi = g': width equals a massless charged-lepton width
        assertEquals(g * g * mass / (12 * Math.PI), new DarkSectorZPrime(0.0, g).partialWidths(mass, g).chiChi(), 1e-18);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(InvalidInputException.class, () -> MODEL.partialWidths(0.0, 0.1));
        assertThrows(InvalidInputException.class, () -> MODEL.partialWidths(Double.NaN, 0.1));
        assertThrows(InvalidInputException.class, () -> MODEL.partialWidths(1.0, -0.1));
        assertThrows(InvalidInputException.class, () -> MODEL.brInvisible(Double.POSITIVE_INFINITY));
        assertThrows(InvalidInputException.class, () -> new DarkSectorZPrime(-1.0, 0.1));
        assertThrows(InvalidInputException.class, () -> new DarkSectorZPrime(0.1, Double.NaN));
    }
}
