package org.recoil.core.selection;

import java.util.ArrayList;
import java.util.List;
import org.recoil.core.ComputationException;
import org.recoil.core.events.EventTable;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.kinematics.LorentzBoost;
import org.recoil.core.kinematics.RecoilMass;
import org.recoil.core.kinematics.ThreeVector;
import org.recoil.core.physics.PhysicsConstants;

/**
 * The event selection of a recoil-mass search for {@code e⁺e⁻ → μ⁺μ⁻ + invisible}, applied
 * column-wise to an {@link EventTable}. The cuts, in order (each can be switched off; the names
 * are those of the {@link CutFlow}):
 * <ol>
 * <li>{@code two_muons}: exactly two muon candidates ({@code n_muons == 2});</li>
 * <li>{@code opposite_charge}: {@code q₁ q₂ < 0};</li>
 * <li>{@code muon_momentum}: both muons with {@code min <= |p| <= max}, in the frame of the table
 *   (the lab frame for lab-frame beams);</li>
 * <li>{@code muon_polar_angle}: both muons with {@code min <= θ <= max} (degrees, θ from +z; a
 *   muon of zero momentum counts as θ = 0), compared as {@code cos θ = p_z/|p|};</li>
 * <li>{@code extra_energy}: extra neutral energy {@code <= max};</li>
 * <li>{@code tau_suppression}: the dimuon transverse momentum in the CM frame,
 *   {@code p_T* = |p*_μμ × n̂*|} with {@code n̂*} the electron-beam direction in the CM frame, against the
 *   signed recoil mass: kept if {@code p_T* >= a_min + b_min M_rec} and/or {@code p_T* <= a_max + b_max M_rec}.
 *   In τ⁺τ⁻ → μ⁺μ⁻ + 4ν events the missing momentum is shared by four neutrinos, while in the
 *   signal a single invisible Z′ recoils against the dimuon, so the two populate the
 *   (M_rec, p_T(μμ)) plane differently; Belle II suppresses τ pairs with a selection in that plane
 *   (PRL 124 (2020) 141801). The straight-line boundaries here are our own simplified, configurable
 *   form of such a cut. Using CM-frame quantities makes it independent of the frame
 *   of the input momenta;</li>
 * <li>{@code recoil_mass}: {@code min <= M_rec <= max} (signed recoil mass, GeV).</li>
 * </ol>
 * The recoil mass is {@link RecoilMass} with the configured beams. Event tables given in the CM frame
 * (with {@link BeamConfiguration#symmetric(double)}) must have the electron beam along +z. Immutable
 * and thread-safe.
 */
public final class Selection {
    /** Cut-flow name of the first step (no cut). */
    public static final String ALL = "all";

    private final SelectionConfig.Cuts cuts;
    private final BeamConfiguration beams;
    private final RecoilMass recoilMass;
    private final LorentzBoost labToCm;
    private final ThreeVector beamAxisCm;

    /**
     * @param cuts the cuts
     * @param beams the beams (frame of the event momenta)
     */
    public Selection(SelectionConfig.Cuts cuts, BeamConfiguration beams) {
        this.cuts = cuts;
        this.beams = beams;
        this.recoilMass = new RecoilMass(beams);
        this.labToCm = beams.labToCm();
        this.beamAxisCm = beams.cmElectronDirection();
    }

    /**
     * @param config a selection config
     * @return the selection of its cuts and beams
     */
    public static Selection fromConfig(SelectionConfig config) {
        return new Selection(config.cuts(), config.beams().toBeamConfiguration());
    }

    /** @return the cuts */
    public SelectionConfig.Cuts cuts() {
        return cuts;
    }

    /** @return the beams */
    public BeamConfiguration beams() {
        return beams;
    }

    /** @return the names of the cut-flow steps: {@code "all"} then each enabled cut in order */
    public List<String> cutNames() {
        List<String> names = new ArrayList<>();
        names.add(ALL);
        if (cuts.twoOppositeChargeMuons()) {
            names.add("two_muons");
            names.add("opposite_charge");
        }
        if (cuts.muonMomentum() != null) {
            names.add("muon_momentum");
        }
        if (cuts.muonPolarAngleDeg() != null) {
            names.add("muon_polar_angle");
        }
        if (cuts.maxExtraEnergy() != null) {
            names.add("extra_energy");
        }
        if (cuts.tauSuppression() != null) {
            names.add("tau_suppression");
        }
        if (cuts.recoilMass() != null) {
            names.add("recoil_mass");
        }
        return names;
    }

    /**
     * Applies the selection.
     *
     * @param events the events
     * @return per-event recoil masses, the selection decision, the cut flows and histograms
     */
    public SelectionResult apply(EventTable events) {
        int n = events.size();
        EventTable.Columns c = events.sharedColumns();
        double[] m2 = new double[n];
        double[] mRec = new double[n];
        double[] ptStar = new double[n];
        kinematics(c, m2, mRec, ptStar);
        int[] stage = stages(n, c, mRec, ptStar);
        // the result shares the table's (immutable) weight and sample columns
        return new SelectionResult(cutNames(), stage, m2, mRec, ptStar, c.weight(), c.sampleIndex(),
                events.samples());
    }

    /**
     * Per event, in one pass over the momenta: {@code M_rec²} ({@link RecoilMass#recoilMass2(double,
     * double, double, double)} of the dimuon), the signed recoil mass ({@link RecoilMass#signedSqrt}) and
     * the dimuon transverse momentum in the CM frame relative to the CM beam axis. The muon energies are
     * computed once for both, with the expressions of {@link RecoilMass#recoilMass2(double, double, double,
     * double, double, double)} (the same values bit for bit).
     *
     * @throws ComputationException if an {@code M_rec²} is not finite (momenta so large that it overflows)
     */
    private void kinematics(EventTable.Columns c, double[] m2, double[] mRec, double[] ptStar) {
        double[] px1 = c.px1();
        double[] py1 = c.py1();
        double[] pz1 = c.pz1();
        double[] px2 = c.px2();
        double[] py2 = c.py2();
        double[] pz2 = c.pz2();
        int n = m2.length;
        double[] q = new double[4];
        final double mu2 = PhysicsConstants.MUON_MASS * PhysicsConstants.MUON_MASS;
        double nx = beamAxisCm.x();
        double ny = beamAxisCm.y();
        double nz = beamAxisCm.z();
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            double e = Math.sqrt(mu2 + px1[i] * px1[i] + py1[i] * py1[i] + pz1[i] * pz1[i])
                    + Math.sqrt(mu2 + px2[i] * px2[i] + py2[i] * py2[i] + pz2[i] * pz2[i]);
            double qx = px1[i] + px2[i];
            double qy = py1[i] + py2[i];
            double qz = pz1[i] + pz2[i];
            double r = recoilMass.recoilMass2(e, qx, qy, qz);
            m2[i] = r;
            mRec[i] = RecoilMass.signedSqrt(r);
            finite &= Double.isFinite(r);
            labToCm.apply(e, qx, qy, qz, q);
            double along = q[1] * nx + q[2] * ny + q[3] * nz;
            double p2 = q[1] * q[1] + q[2] * q[2] + q[3] * q[3];
            ptStar[i] = Math.sqrt(Math.max(0.0, p2 - along * along));
        }
        if (!finite) {
            for (int i = 0; i < n; i++) {
                if (!Double.isFinite(m2[i])) {
                    throw new ComputationException("recoil mass: event " + i + " gives M_rec^2 = " + m2[i]
                            + " (non-finite muon momentum)");
                }
            }
        }
    }

    /**
     * Per event, the number of cuts it passes in sequence (it is selected if it passes all). One loop
     * over the events with every cut inline (the same tests as one pass per cut, in order); a method
     * of its own, so that the compiler works on this loop alone.
     */
    private int[] stages(int n, EventTable.Columns c, double[] mRec, double[] ptStar) {
        double[] px1 = c.px1();
        double[] py1 = c.py1();
        double[] pz1 = c.pz1();
        double[] px2 = c.px2();
        double[] py2 = c.py2();
        double[] pz2 = c.pz2();
        int[] stage = new int[n];
        boolean charges = cuts.twoOppositeChargeMuons();
        int[] nMu = c.nMuons();
        int[] q1 = c.charge1();
        int[] q2 = c.charge2();
        boolean momentum = cuts.muonMomentum() != null;
        double pLo = momentum ? cuts.muonMomentum().lo() : 0;
        double pHi = momentum ? cuts.muonMomentum().hi() : 0;
        boolean angle = cuts.muonPolarAngleDeg() != null;
        // lo <= theta <= hi  <=>  cos(hi) <= cos(theta) <= cos(lo), cos(theta) = pz/|p| (1 for |p| = 0)
        double cosMax = angle ? Math.cos(Math.toRadians(cuts.muonPolarAngleDeg().lo())) : 0;
        double cosMin = angle ? Math.cos(Math.toRadians(cuts.muonPolarAngleDeg().hi())) : 0;
        boolean extraCut = cuts.maxExtraEnergy() != null;
        double maxExtra = extraCut ? cuts.maxExtraEnergy() : 0;
        double[] extra = c.extraEnergy();
        boolean tau = cuts.tauSuppression() != null;
        SelectionConfig.Line minPt = tau ? cuts.tauSuppression().minPt() : null;
        SelectionConfig.Line maxPt = tau ? cuts.tauSuppression().maxPt() : null;
        boolean massCut = cuts.recoilMass() != null;
        double mLo = massCut ? cuts.recoilMass().lo() : 0;
        double mHi = massCut ? cuts.recoilMass().hi() : 0;
        boolean minLine = tau && minPt != null;
        boolean maxLine = tau && maxPt != null;
        for (int i = 0; i < n; i++) {
            // bit j: whether the j-th enabled cut passes, each test without a branch on the event's data
            // (non-short-circuit &, so that the random outcomes cost no mispredicted jumps); the stage is
            // the number of cuts passed in sequence, i.e. of trailing one bits
            int bits = 0;
            int b = 0;
            if (charges) {
                bits |= (nMu[i] == 2 ? 1 : 0) << b++;
                bits |= ((long) q1[i] * q2[i] < 0 ? 1 : 0) << b++;
            }
            // |p| of each muon, for both the momentum and the polar-angle cut
            double p1 = 0;
            double p2 = 0;
            if (momentum || angle) {
                p1 = Math.sqrt(px1[i] * px1[i] + py1[i] * py1[i] + pz1[i] * pz1[i]);
                p2 = Math.sqrt(px2[i] * px2[i] + py2[i] * py2[i] + pz2[i] * pz2[i]);
            }
            if (momentum) {
                bits |= ((p1 >= pLo) & (p1 <= pHi) & (p2 >= pLo) & (p2 <= pHi) ? 1 : 0) << b++;
            }
            if (angle) {
                double c1 = p1 > 0 ? pz1[i] / p1 : 1.0;
                double c2 = p2 > 0 ? pz2[i] / p2 : 1.0;
                bits |= ((c1 >= cosMin) & (c1 <= cosMax) & (c2 >= cosMin) & (c2 <= cosMax) ? 1 : 0) << b++;
            }
            if (extraCut) {
                bits |= (extra[i] <= maxExtra ? 1 : 0) << b++;
            }
            if (tau) {
                boolean above = !minLine || ptStar[i] >= minPt.at(mRec[i]);
                boolean below = !maxLine || ptStar[i] <= maxPt.at(mRec[i]);
                bits |= (above & below ? 1 : 0) << b++;
            }
            if (massCut) {
                bits |= ((mRec[i] >= mLo) & (mRec[i] <= mHi) ? 1 : 0) << b++;
            }
            stage[i] = Integer.numberOfTrailingZeros(~bits);
        }
        return stage;
    }
}
