package org.recoil.core.kinematics;

import org.recoil.core.ComputationException;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.PhysicsConstants;

/**
 * The mass recoiling against a dimuon system in e⁺e⁻ collisions,
 * <pre>
 *   M_rec² = (P - q)² = s + m_μμ² - 2 E*_μμ √s,
 * </pre>
 * with {@code P} the initial four-momentum of the beams ({@link BeamConfiguration}), {@code q = p₁ + p₂}
 * the dimuon four-momentum, {@code m_μμ² = q²} and {@code E*_μμ = P·q/√s} the dimuon energy in the
 * e⁺e⁻ centre-of-mass frame (Belle II, PRL 124 (2020) 141801 and PRL 130 (2023) 231801). Because
 * {@code E*_μμ} is computed as the invariant {@code P·q/√s}, lab-frame momenta (with the lab beams)
 * and CM-frame momenta (with {@link BeamConfiguration#symmetric(double)}) of the same event give the
 * same recoil mass, without an explicit boost.
 *
 * <p>{@code M_rec²} can be negative through resolution (and is exactly 0 for {@code e⁺e⁻ → μ⁺μ⁻}
 * with nothing else). {@link #recoilMass(FourVector, FourVector)} reports the signed root
 * {@code M_rec = sign(M_rec²) √|M_rec²|} (as ROOT's {@code TLorentzVector::M}); it is never NaN, so
 * events with {@code M_rec² < 0} land below zero in a recoil-mass histogram instead of vanishing.
 *
 * <p>Immutable and thread-safe. The column methods take the muon momenta as {@code double[]}
 * columns, assume the muon mass {@link PhysicsConstants#MUON_MASS} and allocate nothing per event.
 */
public final class RecoilMass {
    private final BeamConfiguration beams;
    private final double e0;
    private final double px0;
    private final double py0;
    private final double pz0;
    private final double s;
    private final double sqrtS;

    /**
     * @param beams the beams defining the frame of the muon momenta
     */
    public RecoilMass(BeamConfiguration beams) {
        this.beams = beams;
        FourVector p = beams.initialState();
        this.e0 = p.e();
        this.px0 = p.px();
        this.py0 = p.py();
        this.pz0 = p.pz();
        this.s = p.mass2();
        this.sqrtS = Math.sqrt(s);
    }

    /** @return the beams */
    public BeamConfiguration beams() {
        return beams;
    }

    /** @return {@code s} of the beams, GeV² */
    public double s() {
        return s;
    }

    /** @return {@code √s} of the beams, GeV */
    public double sqrtS() {
        return sqrtS;
    }

    /**
     * @param m2 a mass squared
     * @return {@code sign(m2) √|m2|}
     */
    public static double signedSqrt(double m2) {
        // without a branch on the sign (unpredictable over many events); the same values (-0 gives -0)
        return Math.copySign(Math.sqrt(Math.abs(m2)), m2);
    }

    /**
     * @param dimuon the dimuon four-momentum {@code q}, in the frame of the beams
     * @return {@code E*_μμ = P·q/√s}, the dimuon energy in the CM frame
     */
    public double dimuonCmEnergy(FourVector dimuon) {
        return (e0 * dimuon.e() - px0 * dimuon.px() - py0 * dimuon.py() - pz0 * dimuon.pz()) / sqrtS;
    }

    /**
     * @param dimuon the dimuon four-momentum {@code q}
     * @return {@code M_rec² = s + m_μμ² - 2 E*_μμ √s}, GeV²
     */
    public double recoilMass2(FourVector dimuon) {
        return s + dimuon.mass2() - 2 * dimuonCmEnergy(dimuon) * sqrtS;
    }

    /**
     * @param mu1 first muon four-momentum
     * @param mu2 second muon four-momentum
     * @return {@code M_rec²}, GeV²
     */
    public double recoilMass2(FourVector mu1, FourVector mu2) {
        return recoilMass2(mu1.plus(mu2));
    }

    /**
     * @param mu1 first muon four-momentum
     * @param mu2 second muon four-momentum
     * @return the signed recoil mass {@code sign(M_rec²) √|M_rec²|}, GeV
     */
    public double recoilMass(FourVector mu1, FourVector mu2) {
        return signedSqrt(recoilMass2(mu1, mu2));
    }

    /**
     * {@code M_rec²} of one event from the muon momentum components (muon mass assumed).
     *
     * @param px1 muon 1 px
     * @param py1 muon 1 py
     * @param pz1 muon 1 pz
     * @param px2 muon 2 px
     * @param py2 muon 2 py
     * @param pz2 muon 2 pz
     * @return {@code M_rec²}, GeV²
     */
    public double recoilMass2(double px1, double py1, double pz1, double px2, double py2, double pz2) {
        final double m2 = PhysicsConstants.MUON_MASS * PhysicsConstants.MUON_MASS;
        double e1 = Math.sqrt(m2 + px1 * px1 + py1 * py1 + pz1 * pz1);
        double e2 = Math.sqrt(m2 + px2 * px2 + py2 * py2 + pz2 * pz2);
        return recoilMass2(e1 + e2, px1 + px2, py1 + py2, pz1 + pz2);
    }

    /**
     * {@code M_rec²} of a dimuon four-momentum {@code q} given by its components (the sums of the two
     * muons'), for loops that also use the muon energies.
     *
     * @param qe dimuon energy, GeV
     * @param qx dimuon p<sub>x</sub>
     * @param qy dimuon p<sub>y</sub>
     * @param qz dimuon p<sub>z</sub>
     * @return {@code M_rec² = s + q² - 2 P·q}, GeV²
     */
    public double recoilMass2(double qe, double qx, double qy, double qz) {
        double mqq2 = qe * qe - qx * qx - qy * qy - qz * qz;
        double pq = e0 * qe - px0 * qx - py0 * qy - pz0 * qz; // = E*_μμ √s
        return s + mqq2 - 2 * pq;
    }

    /**
     * Column-wise {@code M_rec²} for many events (muon mass assumed), without allocation.
     *
     * @param px1 muon 1 px per event
     * @param py1 muon 1 py per event
     * @param pz1 muon 1 pz per event
     * @param px2 muon 2 px per event
     * @param py2 muon 2 py per event
     * @param pz2 muon 2 pz per event
     * @param out receives {@code M_rec²} per event; all arrays of the same length
     * @throws InvalidInputException if the lengths differ
     * @throws ComputationException if an event gives a non-finite result (non-finite input); the
     *     message names the event index
     */
    public void recoilMass2(double[] px1, double[] py1, double[] pz1, double[] px2, double[] py2, double[] pz2,
            double[] out) {
        int n = out.length;
        if (px1.length != n || py1.length != n || pz1.length != n || px2.length != n || py2.length != n
                || pz2.length != n) {
            throw new InvalidInputException("recoil mass: momentum columns and output must have the same length, got "
                    + px1.length + ", " + py1.length + ", " + pz1.length + ", " + px2.length + ", " + py2.length + ", "
                    + pz2.length + " and " + n);
        }
        for (int i = 0; i < n; i++) {
            out[i] = recoilMass2(px1[i], py1[i], pz1[i], px2[i], py2[i], pz2[i]);
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(out[i])) {
                throw new ComputationException("recoil mass: event " + i + " gives M_rec^2 = " + out[i]
                        + " (non-finite muon momentum)");
            }
        }
    }

    /**
     * Column-wise {@code M_rec²}, allocating the result.
     *
     * @param px1 muon 1 px per event
     * @param py1 muon 1 py per event
     * @param pz1 muon 1 pz per event
     * @param px2 muon 2 px per event
     * @param py2 muon 2 py per event
     * @param pz2 muon 2 pz per event
     * @return {@code M_rec²} per event
     */
    public double[] recoilMass2(double[] px1, double[] py1, double[] pz1, double[] px2, double[] py2, double[] pz2) {
        double[] out = new double[px1.length];
        recoilMass2(px1, py1, pz1, px2, py2, pz2, out);
        return out;
    }
}
