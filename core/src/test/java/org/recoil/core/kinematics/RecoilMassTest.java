package org.recoil.core.kinematics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.PhysicsConstants;

class RecoilMassTest {
    private static final double M_MU = PhysicsConstants.MUON_MASS;

    @Test
    void belle2BeamsAsDocumented() {
        BeamConfiguration b = BeamConfiguration.belle2();
        double me = PhysicsConstants.ELECTRON_MASS;
        double half = 0.0415;
        double pHer = Math.sqrt(49 - me * me);
        double pLer = Math.sqrt(16 - me * me);
        FourVector p = b.initialState();
        assertEquals(11.0, p.e(), 1e-15);
        assertEquals((pHer + pLer) * Math.sin(half), p.px(), 1e-14);
        assertEquals(0.0, p.py(), 0);
        assertEquals((pHer - pLer) * Math.cos(half), p.pz(), 1e-14);
        // sqrt(s) = 2 sqrt(E- E+) cos(alpha/2) up to electron-mass terms
        assertEquals(2 * Math.sqrt(28) * Math.cos(half), b.sqrtS(), 1e-8);
        assertEquals(10.573893, b.sqrtS(), 5e-7);
        assertEquals(0.041488, b.cmVelocity().x(), 5e-7);
        assertEquals(0.272492, b.cmVelocity().z(), 5e-7);
        // the initial state is at rest in the CM frame, beams back to back with equal energies
        FourVector cm = b.toCm(p);
        assertEquals(b.sqrtS(), cm.e(), 1e-12);
        assertEquals(0.0, cm.p(), 1e-12);
        FourVector eCm = b.toCm(b.electronBeam());
        FourVector pCm = b.toCm(b.positronBeam());
        assertEquals(b.sqrtS() / 2, eCm.e(), 1e-12);
        assertEquals(b.sqrtS() / 2, pCm.e(), 1e-12);
        assertEquals(-1.0, eCm.momentum().unit().dot(pCm.momentum().unit()), 1e-14);
        assertEquals(1.0, b.cmElectronDirection().mag(), 1e-15);
        // the HER (electron) beam moves along +z, tilted to +x; the LER along -z, also tilted to +x
        assertTrue(b.electronBeam().px() > 0 && b.electronBeam().pz() > 0);
        assertTrue(b.positronBeam().px() > 0 && b.positronBeam().pz() < 0);
        assertEquals(Math.PI - 0.083, Math.acos(b.electronBeam().momentum().unit().dot(b.positronBeam().momentum().unit())),
                1e-12);
    }

    @Test
    void symmetricBeamsAreTheCmFrame() {
        BeamConfiguration b = BeamConfiguration.symmetric(10.58);
        assertEquals(new FourVector(10.58, 0, 0, 0), b.initialState());
        assertEquals(10.58, b.sqrtS(), 1e-14);
        assertEquals(0.0, b.cmVelocity().mag(), 0);
    }

    @Test
    void invalidBeamsAreRejected() {
        assertThrows(InvalidInputException.class, () -> new BeamConfiguration(7, 0, 0.083));
        assertThrows(InvalidInputException.class, () -> new BeamConfiguration(Double.NaN, 4, 0.083));
        assertThrows(InvalidInputException.class, () -> new BeamConfiguration(7, 4, -0.1));
        assertThrows(InvalidInputException.class, () -> new BeamConfiguration(7, 4, Math.PI));
    }

    @Test
    void handComputedEvents() {
        RecoilMass cm10 = new RecoilMass(BeamConfiguration.symmetric(10));
        // back-to-back muons of |p| = 3: q = (2E, 0), M_rec^2 = (sqrt(s) - 2E)^2, E = sqrt(9 + m_mu^2)
        FourVector a1 = FourVector.fromMassAndMomentum(M_MU, 0, 0, 3);
        FourVector a2 = FourVector.fromMassAndMomentum(M_MU, 0, 0, -3);
        assertEquals(15.970253218792493, cm10.recoilMass2(a1, a2), 1e-12);
        assertEquals(10 - 2 * 3.0018600387615177, cm10.recoilMass(a1, a2), 1e-12);
        assertEquals(2 * 3.0018600387615177, cm10.dimuonCmEnergy(a1.plus(a2)), 1e-13);
        // perpendicular muons of |p| = 1: m_mumu^2 = 4E^2 - 2, E* = 2E: M^2 = 100 + 4E^2 - 2 - 40E
        FourVector b1 = FourVector.fromMassAndMomentum(M_MU, 1, 0, 0);
        FourVector b2 = FourVector.fromMassAndMomentum(M_MU, 0, 1, 0);
        assertEquals(61.8220006089261, cm10.recoilMass2(b1, b2), 1e-12);
        // Belle II lab frame: M^2 = (P - q)^2 computed independently (python, double precision)
        RecoilMass belle2 = new RecoilMass(BeamConfiguration.belle2());
        FourVector c1 = FourVector.fromMassAndMomentum(M_MU, 1.2, -0.4, 3.1);
        FourVector c2 = FourVector.fromMassAndMomentum(M_MU, -0.8, 0.9, -0.5);
        assertEquals(39.810923119887306, belle2.recoilMass2(c1, c2), 1e-11);
        assertEquals(6.309589774294943, belle2.recoilMass(c1, c2), 1e-12);
        FourVector initial = BeamConfiguration.belle2().initialState();
        assertEquals(initial.minus(c1.plus(c2)).mass2(), belle2.recoilMass2(c1, c2), 1e-11);
    }

    @Test
    void negativeRecoilMassSquaredGivesNegativeSignedMass() {
        assertEquals(-2.0, RecoilMass.signedSqrt(-4.0), 0);
        assertEquals(0.0, RecoilMass.signedSqrt(0.0), 0);
        RecoilMass cm = new RecoilMass(BeamConfiguration.symmetric(10));
        // collinear muons with |q| > sqrt(s) - E_q: M_rec^2 = (10 - E_q)^2 - 36 < 0
        FourVector m1 = FourVector.fromMassAndMomentum(M_MU, 0, 0, 3);
        FourVector m2 = FourVector.fromMassAndMomentum(M_MU, 0, 0, 3);
        double m2rec = cm.recoilMass2(m1, m2);
        double eq = 2 * Math.sqrt(9 + M_MU * M_MU);
        assertEquals((10 - eq) * (10 - eq) - 36, m2rec, 1e-12);
        assertTrue(m2rec < 0);
        assertEquals(-Math.sqrt(-m2rec), cm.recoilMass(m1, m2), 0);
    }

    /** A CM-frame e+e- -> mu+ mu- Z' event: sqrt(s) -> (dimuon of mass mMuMu) + Z'(mass mZ), then dimuon -> mu mu. */
    private static FourVector[] signalEventInCm(UniformRandomProvider rng, double sqrtS, double mZ) {
        double mMuMu = 2 * M_MU + (sqrtS - mZ - 2 * M_MU) * (0.05 + 0.9 * rng.nextDouble());
        double pStar = twoBodyMomentum(sqrtS, mMuMu, mZ);
        ThreeVector dir = randomDirection(rng);
        FourVector dimuon = FourVector.fromMassAndMomentum(mMuMu, pStar * dir.x(), pStar * dir.y(), pStar * dir.z());
        double pMu = twoBodyMomentum(mMuMu, M_MU, M_MU);
        ThreeVector d = randomDirection(rng);
        FourVector mu1Rest = FourVector.fromMassAndMomentum(M_MU, pMu * d.x(), pMu * d.y(), pMu * d.z());
        FourVector mu2Rest = FourVector.fromMassAndMomentum(M_MU, -pMu * d.x(), -pMu * d.y(), -pMu * d.z());
        ThreeVector beta = dimuon.boostVector();
        return new FourVector[] {mu1Rest.boost(beta), mu2Rest.boost(beta)};
    }

    private static double twoBodyMomentum(double m, double m1, double m2) {
        return Math.sqrt((m * m - (m1 + m2) * (m1 + m2)) * (m * m - (m1 - m2) * (m1 - m2))) / (2 * m);
    }

    private static ThreeVector randomDirection(UniformRandomProvider rng) {
        double cosT = 2 * rng.nextDouble() - 1;
        double phi = 2 * Math.PI * rng.nextDouble();
        double sinT = Math.sqrt(1 - cosT * cosT);
        return new ThreeVector(sinT * Math.cos(phi), sinT * Math.sin(phi), cosT);
    }

    @Test
    void labAndCmInputsOfTheSameEventGiveTheInjectedRecoilMass() {
        BeamConfiguration lab = BeamConfiguration.belle2();
        RecoilMass fromLab = new RecoilMass(lab);
        RecoilMass fromCm = new RecoilMass(BeamConfiguration.symmetric(lab.sqrtS()));
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
        for (double mZ : new double[] {0.0, 0.2, 1.0, 3.5, 8.0}) {
            for (int k = 0; k < 200; k++) {
                FourVector[] cm = signalEventInCm(rng, lab.sqrtS(), mZ);
                FourVector mu1Lab = lab.toLab(cm[0]);
                FourVector mu2Lab = lab.toLab(cm[1]);
                double m2Cm = fromCm.recoilMass2(cm[0], cm[1]);
                double m2Lab = fromLab.recoilMass2(mu1Lab, mu2Lab);
                assertEquals(mZ * mZ, m2Cm, 1e-9, "CM input, M_Z'=" + mZ);
                assertEquals(m2Cm, m2Lab, 1e-9, "lab vs CM input, M_Z'=" + mZ);
                // the explicit formula with the boosted dimuon energy agrees
                FourVector qCm = lab.toCm(mu1Lab.plus(mu2Lab));
                double explicit = lab.s() + qCm.mass2() - 2 * qCm.e() * lab.sqrtS();
                assertEquals(m2Lab, explicit, 1e-9);
            }
        }
    }

    @Test
    void twoBodyMuonPairsHaveZeroRecoilMass() {
        BeamConfiguration lab = BeamConfiguration.belle2();
        RecoilMass rm = new RecoilMass(lab);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        double p = twoBodyMomentum(lab.sqrtS(), M_MU, M_MU);
        for (int k = 0; k < 500; k++) {
            ThreeVector d = randomDirection(rng);
            FourVector mu1 = lab.toLab(FourVector.fromMassAndMomentum(M_MU, p * d.x(), p * d.y(), p * d.z()));
            FourVector mu2 = lab.toLab(FourVector.fromMassAndMomentum(M_MU, -p * d.x(), -p * d.y(), -p * d.z()));
            assertEquals(0.0, rm.recoilMass2(mu1, mu2), 1e-9);
        }
    }

    @Test
    void columnMethodMatchesFourVectorMethod() {
        RecoilMass rm = new RecoilMass(BeamConfiguration.belle2());
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(6L);
        int n = 1000;
        double[][] c = new double[6][n];
        for (double[] col : c) {
            for (int i = 0; i < n; i++) {
                col[i] = 8 * rng.nextDouble() - 4;
            }
        }
        double[] out = rm.recoilMass2(c[0], c[1], c[2], c[3], c[4], c[5]);
        for (int i = 0; i < n; i++) {
            FourVector mu1 = FourVector.fromMassAndMomentum(M_MU, c[0][i], c[1][i], c[2][i]);
            FourVector mu2 = FourVector.fromMassAndMomentum(M_MU, c[3][i], c[4][i], c[5][i]);
            assertEquals(rm.recoilMass2(mu1, mu2), out[i], 1e-11, "event " + i);
        }
        assertThrows(InvalidInputException.class,
                () -> rm.recoilMass2(c[0], c[1], c[2], c[3], c[4], new double[n - 1], new double[n]));
        c[4][17] = Double.NaN;
        ComputationException e = assertThrows(ComputationException.class, () -> rm.recoilMass2(c[0], c[1], c[2], c[3], c[4], c[5]));
        assertTrue(e.getMessage().contains("event 17"), e.getMessage());
    }
}
