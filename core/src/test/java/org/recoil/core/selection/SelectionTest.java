package org.recoil.core.selection;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.events.EventTable;
import org.recoil.core.hist.Binning;
import org.recoil.core.hist.Histogram;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.FourVector;
import org.recoil.core.kinematics.RecoilMass;
import org.recoil.core.physics.PhysicsConstants;

class SelectionTest {
    private static final SelectionConfig.Cuts CUTS = SelectionConfig.Cuts.none()
            .withMuonMomentum(SelectionConfig.Range.of(0.5, 5.0))
            .withMuonPolarAngleDeg(SelectionConfig.Range.of(17, 150))
            .withMaxExtraEnergy(0.4)
            .withTauSuppression(new SelectionConfig.TauSuppression(new SelectionConfig.Line(1.0, 0.0), null))
            .withRecoilMass(SelectionConfig.Range.of(1.0, 8.0));

    /** Event i fails exactly cut i (in cut-flow order); event 0 passes; event 8 fails the first cut. */
    private static EventTable handTable() {
        return EventTable.builder()
                .add(1.0, 0.5, 2.0, 1, -0.5, 1.0, -1.5, -1, 2, 0.1, 1, "sig")     // 0: passes
                .add(1.0, 0.5, 2.0, 1, -0.5, 1.0, -1.5, -1, 3, 0.1, 2, "bkg")     // 1: three muons
                .add(1.0, 0.5, 2.0, 1, -0.5, 1.0, -1.5, 1, 2, 0.1, 4, "sig")      // 2: same charge
                .add(1.0, 0.5, 2.0, -1, -0.1, 0.1, -0.1, 1, 2, 0.1, 8, "bkg")     // 3: soft muon 2
                .add(0.2, 0.1, 3.0, 1, -0.5, 1.0, -1.5, -1, 2, 0.1, 16, "sig")    // 4: muon 1 at 4 degrees
                .add(1.0, 0.5, 2.0, 1, -0.5, 1.0, -1.5, -1, 2, 0.5, 32, "bkg")    // 5: extra energy
                .add(0.8, 0.2, 2.0, 1, -0.6, 0.5, -1.2, -1, 2, 0.1, 64, "sig")    // 6: p_T* = 0.73 < 1
                .add(0.6, 0.1, 0.5, 1, 0.5, 0.7, -0.3, -1, 2, 0.1, 128, "bkg")    // 7: M_rec = 8.17 > 8
                .add(1.0, 0.5, 2.0, 1, -0.5, 1.0, -1.5, -1, 1, 0.1, 0.5, "empty") // 8: one muon
                .build();
    }

    @Test
    void cutFlowOfHandBuiltEvents() {
        Selection sel = new Selection(CUTS, BeamConfiguration.symmetric(10));
        assertEquals(List.of("all", "two_muons", "opposite_charge", "muon_momentum", "muon_polar_angle", "extra_energy",
                "tau_suppression", "recoil_mass"), sel.cutNames());
        SelectionResult r = sel.apply(handTable());
        assertArrayEquals(new int[] {0}, r.selectedEvents());
        CutFlow flow = r.cutFlow();
        long[] events = {9, 7, 6, 5, 4, 3, 2, 1};
        double[] sumW = {255.5, 253, 249, 241, 225, 193, 129, 1};
        for (int j = 0; j < events.length; j++) {
            CutFlow.Step s = flow.steps().get(j);
            assertEquals(events[j], s.events(), s.cut());
            assertEquals(sumW[j], s.sumWeights(), 0, s.cut());
        }
        // sum of squared weights: 4^i per event
        assertEquals(1 + 4 + 16 + 64 + 256 + 1024 + 4096 + 16384 + 0.25, flow.step("all").sumWeights2(), 0);
        assertEquals(1 + 128 * 128, flow.step("tau_suppression").sumWeights2(), 0);
        assertEquals(Math.sqrt(1 + 128 * 128), flow.step("tau_suppression").weightError(), 0);
        assertEquals(flow.selected(), flow.step("recoil_mass"));
        Map<String, CutFlow> bySample = r.cutFlowBySample();
        assertEquals(List.of("sig", "bkg", "empty"), List.copyOf(bySample.keySet()));
        assertEquals(4, bySample.get("sig").step("all").events());
        assertEquals(1 + 4 + 16 + 64, bySample.get("sig").step("all").sumWeights(), 0);
        assertEquals(1 + 16 + 64, bySample.get("sig").step("opposite_charge").sumWeights(), 0);
        assertEquals(0, bySample.get("bkg").selected().events());
        assertEquals(128, bySample.get("bkg").step("tau_suppression").sumWeights(), 0);
        assertEquals(0, bySample.get("empty").step("two_muons").events());
        assertTrue(flow.format().contains("tau_suppression"));
    }

    /** The events of {@link #handTable()} from {@code from} (inclusive) to {@code to} (exclusive). */
    private static EventTable handRows(int from, int to) {
        EventTable t = handTable();
        EventTable.Builder b = EventTable.builder();
        for (int i = from; i < to; i++) {
            b.add(t.mu1Px()[i], t.mu1Py()[i], t.mu1Pz()[i], t.charge1()[i], t.mu2Px()[i], t.mu2Py()[i], t.mu2Pz()[i],
                    t.charge2()[i], t.nMuons()[i], t.extraEnergy()[i], t.weight()[i], t.sample(i));
        }
        return b.build();
    }

    @Test
    void cutFlowsOfTwoPartsAddUpToTheCutFlowOfTheWhole() {
        Selection sel = new Selection(CUTS, BeamConfiguration.symmetric(10));
        CutFlow whole = sel.apply(handTable()).cutFlow();
        SelectionResult first = sel.apply(handRows(0, 4));
        SelectionResult second = sel.apply(handRows(4, 9));
        assertEquals(whole, first.cutFlow().add(second.cutFlow()));
        assertEquals(whole, second.cutFlow().add(first.cutFlow()));
        assertEquals(9, whole.step("all").events());
        // per sample: "sig" is in both parts, "empty" only in the second
        Map<String, CutFlow> bySample = sel.apply(handTable()).cutFlowBySample();
        assertEquals(bySample.get("sig"), first.cutFlowBySample().get("sig").add(second.cutFlowBySample().get("sig")));
        assertEquals(bySample.get("empty"), second.cutFlowBySample().get("empty"));
        CutFlow other = new Selection(SelectionConfig.Cuts.none(), BeamConfiguration.symmetric(10)).apply(handTable())
                .cutFlow();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> whole.add(other));
        assertTrue(e.getMessage().contains("different cuts"), e.getMessage());
    }

    @Test
    void perEventQuantitiesMatchTheKinematics() {
        EventTable t = handTable();
        SelectionResult r = new Selection(CUTS, BeamConfiguration.symmetric(10)).apply(t);
        RecoilMass rm = new RecoilMass(BeamConfiguration.symmetric(10));
        double[] m2 = r.recoilMass2();
        double[] m = r.recoilMass();
        double[] pt = r.dimuonPtStar();
        double[] px1 = t.mu1Px();
        double[] py1 = t.mu1Py();
        double[] px2 = t.mu2Px();
        double[] py2 = t.mu2Py();
        for (int i = 0; i < t.size(); i++) {
            assertEquals(rm.recoilMass2(t.muon1(i), t.muon2(i)), m2[i], 1e-12);
            assertEquals(RecoilMass.signedSqrt(m2[i]), m[i], 0);
            // symmetric beams: the CM frame is the lab and the beam axis is z
            assertEquals(Math.hypot(px1[i] + px2[i], py1[i] + py2[i]), pt[i], 1e-12);
        }
        assertEquals(Math.hypot(0.2, 0.7), pt[6], 1e-12);
        assertTrue(m[7] > 8.0 && m[7] < 8.3, "event 7 recoil mass " + m[7]);
    }

    @Test
    void columnKinematicsEqualTheScalarFormulasBitForBit() {
        // Belle II lab frame (boost and crossing angle), many events of random kinematics
        BeamConfiguration beams = BeamConfiguration.belle2();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L);
        FourVector[][] ev = randomCmEvents(rng, 3333);
        EventTable.Builder b = EventTable.builder();
        for (FourVector[] e : ev) {
            b.add(e[0], 1, e[1], -1, 0, 1, "s");
        }
        EventTable t = b.build();
        SelectionResult r = new Selection(CUTS, beams).apply(t);
        RecoilMass rm = new RecoilMass(beams);
        var toCm = beams.labToCm();
        var axis = beams.cmElectronDirection();
        double[] m2 = r.recoilMass2();
        double[] m = r.recoilMass();
        double[] pt = r.dimuonPtStar();
        double[] q = new double[4];
        for (int i = 0; i < t.size(); i++) {
            FourVector a = t.muon1(i);
            FourVector c = t.muon2(i);
            double expected = rm.recoilMass2(a.px(), a.py(), a.pz(), c.px(), c.py(), c.pz());
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(m2[i]), "M_rec^2 of " + i);
            assertEquals(Double.doubleToRawLongBits(RecoilMass.signedSqrt(expected)),
                    Double.doubleToRawLongBits(m[i]), "M_rec of " + i);
            double mu2 = PhysicsConstants.MUON_MASS * PhysicsConstants.MUON_MASS;
            double e = Math.sqrt(mu2 + a.px() * a.px() + a.py() * a.py() + a.pz() * a.pz())
                    + Math.sqrt(mu2 + c.px() * c.px() + c.py() * c.py() + c.pz() * c.pz());
            toCm.apply(e, a.px() + c.px(), a.py() + c.py(), a.pz() + c.pz(), q);
            double along = q[1] * axis.x() + q[2] * axis.y() + q[3] * axis.z();
            double p2 = q[1] * q[1] + q[2] * q[2] + q[3] * q[3];
            assertEquals(Double.doubleToRawLongBits(Math.sqrt(Math.max(0.0, p2 - along * along))),
                    Double.doubleToRawLongBits(pt[i]), "pT* of " + i);
        }
    }

    @Test
    void anOverflowingRecoilMassIsAnErrorNamingTheEvent() {
        EventTable t = EventTable.builder()
                .add(0.1, 0.2, 1.0, 1, -0.1, 0.3, -1.0, -1, 2, 0, 1, "s")
                .add(1e160, 0, 0, 1, -1e160, 0, 0, -1, 2, 0, 1, "s")
                .build();
        var e = assertThrows(org.recoil.core.ComputationException.class,
                () -> new Selection(CUTS, BeamConfiguration.belle2()).apply(t));
        assertTrue(e.getMessage().contains("event 1"), e.getMessage());
    }

    @Test
    void polarAngleCutUsesTheAngleFromPlusZ() {
        double m = PhysicsConstants.MUON_MASS;
        EventTable t = EventTable.builder()
                .add(FourVector.fromPThetaPhi(m, 2, Math.toRadians(30), 0.3), 1,
                        FourVector.fromPThetaPhi(m, 2, Math.toRadians(120), 2.0), -1, 0, 1, "s")
                .add(FourVector.fromPThetaPhi(m, 2, Math.toRadians(30), 0.3), 1,
                        FourVector.fromPThetaPhi(m, 2, Math.toRadians(160), 2.0), -1, 0, 1, "s")
                .add(FourVector.fromPThetaPhi(m, 2, Math.toRadians(16.9), 0.3), 1,
                        FourVector.fromPThetaPhi(m, 2, Math.toRadians(90), 2.0), -1, 0, 1, "s")
                .add(new FourVector(m, 0, 0, 0), 1, FourVector.fromPThetaPhi(m, 2, Math.toRadians(90), 2.0), -1, 0, 1, "s")
                .add(FourVector.fromPThetaPhi(m, 2, Math.toRadians(149.9), 0.3), 1,
                        FourVector.fromPThetaPhi(m, 2, Math.toRadians(17.1), 2.0), -1, 0, 1, "s")
                .build();
        SelectionConfig.Cuts cuts = SelectionConfig.Cuts.none().withMuonPolarAngleDeg(SelectionConfig.Range.of(17, 150));
        SelectionResult r = new Selection(cuts, BeamConfiguration.belle2()).apply(t);
        // a zero-momentum muon counts as theta = 0 and fails
        assertArrayEquals(new int[] {0, 4}, r.selectedEvents());
    }

    @Test
    void histogramsPerSample() {
        SelectionResult r = new Selection(CUTS.withRecoilMass(null), BeamConfiguration.symmetric(10)).apply(handTable());
        // without the recoil-mass cut events 0 and 7 are selected
        assertArrayEquals(new int[] {0, 7}, r.selectedEvents());
        double[] m = r.recoilMass();
        Binning b = Binning.uniform(10, 0, 10);
        Map<String, Histogram> h = r.histograms(b, Observable.RECOIL_MASS);
        assertEquals(List.of("sig", "bkg", "empty"), List.copyOf(h.keySet()));
        assertEquals(1.0, h.get("sig").content(b.findBin(m[0])));
        assertEquals(1.0, h.get("sig").integral());
        assertEquals(128.0, h.get("bkg").content(b.findBin(m[7])));
        assertEquals(128.0 * 128.0, h.get("bkg").sumw2(b.findBin(m[7])));
        assertEquals(Histogram.empty(b), h.get("empty"));
        double[] m2 = r.recoilMass2();
        Binning b2 = Binning.uniform(20, 0, 100);
        Map<String, Histogram> h2 = r.histograms(b2, Observable.RECOIL_MASS_SQUARED);
        assertEquals(1.0, h2.get("sig").content(b2.findBin(m2[0])));
    }

    /** Random dimuon events given in the CM frame of Belle II beams. */
    private static FourVector[][] randomCmEvents(UniformRandomProvider rng, int n) {
        FourVector[][] ev = new FourVector[n][];
        for (int i = 0; i < n; i++) {
            ev[i] = new FourVector[2];
            for (int k = 0; k < 2; k++) {
                double p = 0.3 + 5 * rng.nextDouble();
                double cosT = 2 * rng.nextDouble() - 1;
                double phi = 2 * Math.PI * rng.nextDouble();
                ev[i][k] = FourVector.fromPThetaPhi(PhysicsConstants.MUON_MASS, p, Math.acos(cosT), phi);
            }
        }
        return ev;
    }

    /** Rotation by angle a about the y axis: z goes to (sin a, 0, cos a). */
    private static FourVector rotateY(FourVector v, double a) {
        double c = Math.cos(a);
        double s = Math.sin(a);
        return new FourVector(v.e(), c * v.px() + s * v.pz(), v.py(), -s * v.px() + c * v.pz());
    }

    @Test
    void frameIndependentCutsGiveTheSameSelectionForLabAndCmInputs() {
        BeamConfiguration lab = BeamConfiguration.belle2();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(77L);
        FourVector[][] cm = randomCmEvents(rng, 2000);
        EventTable.Builder labTable = EventTable.builder();
        EventTable.Builder cmTable = EventTable.builder();
        // CM-frame inputs have the electron beam along +z; in the lab-parallel CM frame of
        // BeamConfiguration.toCm the beam axis is tilted in the x-z plane by the angle a
        var axis = lab.cmElectronDirection();
        assertEquals(0.0, axis.y(), 1e-15);
        double a = Math.atan2(axis.x(), axis.z());
        for (FourVector[] e : cm) {
            double extra = 0.5 * rng.nextDouble();
            cmTable.add(e[0], 1, e[1], -1, extra, 1.0, "s");
            labTable.add(lab.toLab(rotateY(e[0], a)), 1, lab.toLab(rotateY(e[1], a)), -1, extra, 1.0, "s");
        }
        SelectionConfig.Cuts cuts = SelectionConfig.Cuts.none().withMaxExtraEnergy(0.3)
                .withTauSuppression(new SelectionConfig.TauSuppression(new SelectionConfig.Line(0.5, 0.1),
                        new SelectionConfig.Line(4.0, 0.0)))
                .withRecoilMass(SelectionConfig.Range.of(0.5, 9.0));
        SelectionResult fromLab = new Selection(cuts, lab).apply(labTable.build());
        SelectionResult fromCm = new Selection(cuts, BeamConfiguration.symmetric(lab.sqrtS())).apply(cmTable.build());
        double[] ptLab = fromLab.dimuonPtStar();
        double[] ptCm = fromCm.dimuonPtStar();
        double[] mLab = fromLab.recoilMass2();
        double[] mCm = fromCm.recoilMass2();
        for (int i = 0; i < cm.length; i++) {
            assertEquals(mCm[i], mLab[i], 1e-9);
            FourVector q = cm[i][0].plus(cm[i][1]);
            assertEquals(q.pt(), ptCm[i], 1e-12);
            assertEquals(ptCm[i], ptLab[i], 1e-9);
        }
        assertArrayEquals(fromCm.selectedEvents(), fromLab.selectedEvents());
        assertTrue(fromLab.selectedEvents().length > 100 && fromLab.selectedEvents().length < 1900,
                "the cuts select a non-trivial subset: " + fromLab.selectedEvents().length);
        assertEquals(fromCm.cutFlow(), fromLab.cutFlow());
    }
}
