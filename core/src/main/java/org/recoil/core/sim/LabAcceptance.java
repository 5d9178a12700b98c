package org.recoil.core.sim;

import org.recoil.core.InvalidInputException;

/**
 * A fiducial region for the two muons in the laboratory frame: each muon's polar angle in
 * {@code [thetaMin, thetaMax]} and momentum at least {@code minMomentum}.
 *
 * @param thetaMin smallest polar angle in rad
 * @param thetaMax largest polar angle in rad
 * @param minMomentum smallest momentum magnitude in GeV
 */
public record LabAcceptance(double thetaMin, double thetaMax, double minMomentum) {

    /** Validates the ranges. */
    public LabAcceptance {
        if (!(thetaMin >= 0.0 && thetaMin < thetaMax && thetaMax <= Math.PI)) {
            throw new InvalidInputException("acceptance polar angles must satisfy 0 <= thetaMin < thetaMax <= pi, got ["
                    + thetaMin + ", " + thetaMax + "] rad");
        }
        if (!(minMomentum >= 0.0) || !Double.isFinite(minMomentum)) {
            throw new InvalidInputException("acceptance minimum momentum must be >= 0 GeV, got " + minMomentum);
        }
    }

    /**
     * @param thetaMinDeg smallest polar angle in degrees
     * @param thetaMaxDeg largest polar angle in degrees
     * @param minMomentum smallest momentum in GeV
     * @return the acceptance
     */
    public static LabAcceptance ofDegrees(double thetaMinDeg, double thetaMaxDeg, double minMomentum) {
        return new LabAcceptance(Math.toRadians(thetaMinDeg), Math.toRadians(thetaMaxDeg), minMomentum);
    }

    /**
     * Belle II-like muon acceptance: the CDC polar-angle coverage 17°–150° (Belle II TDR,
     * arXiv:1011.0352) and p > 0.5 GeV (muons reaching the KLM; an assumption of this toolkit).
     *
     * @return the acceptance
     */
    public static LabAcceptance belle2Muons() {
        return ofDegrees(17.0, 150.0, 0.5);
    }

    /**
     * @param p a laboratory four-momentum {E, px, py, pz}
     * @return whether it lies in the fiducial region
     */
    public boolean accepts(double[] p) {
        double pt2 = p[1] * p[1] + p[2] * p[2];
        double mod = Math.sqrt(pt2 + p[3] * p[3]);
        if (mod < minMomentum || mod == 0.0) {
            return false;
        }
        double theta = Math.atan2(Math.sqrt(pt2), p[3]);
        return theta >= thetaMin && theta <= thetaMax;
    }
}
