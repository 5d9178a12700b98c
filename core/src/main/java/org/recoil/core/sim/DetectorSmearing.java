package org.recoil.core.sim;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.PhysicsConstants;

/**
 * A Belle II-like parametrised detector response, applied to lab-frame generator-level particles:
 * Gaussian smearing of muon tracks, the tracking acceptance, and photon detection in the
 * electromagnetic calorimeter (ECL) feeding the "extra energy" of an event. Immutable; copies with
 * changed settings via the {@code with...} methods.
 *
 * <p>Parametrisation and sources ({@link #belle2()}):
 * <ul>
 *   <li>transverse-momentum resolution {@code sigma(pT)/pT = a pT (+) b/beta} with a = 0.0011/GeV,
 *       b = 0.0025, added in quadrature (Belle II Technical Design Report, arXiv:1011.0352, CDC
 *       chapter; also quoted in the Belle II Physics Book, arXiv:1808.10567);</li>
 *   <li>polar angle and azimuth resolution {@code c (+) d/(p beta)} with c = 1 mrad and
 *       d = 1.5 mrad GeV (an assumption of this model: intrinsic resolution plus multiple
 *       scattering, of the order of the Belle II design);</li>
 *   <li>tracking acceptance 17 deg &lt; theta_lab &lt; 150 deg (CDC, TDR);</li>
 *   <li>ECL acceptance 12.4 deg &lt; theta_lab &lt; 155.1 deg with the gaps between the barrel
 *       (32.2-128.7 deg) and the forward (12.4-31.4 deg) and backward (130.7-155.1 deg) endcaps
 *       (TDR): a photon entering a gap is lost. Photons elsewhere are detected with full
 *       efficiency above 0.1 GeV (an assumption), energy resolution
 *       {@code sigma(E)/E = 0.066%/E (+) 0.81%/E^(1/4) (+) 1.34%} (E in GeV; Belle ECL, Abashian et
 *       al., NIM A 479 (2002) 117, kept for Belle II).</li>
 * </ul>
 * Not modelled (simplifications): muon identification efficiency and misidentification, charge
 * misassignment, ECL gaps and photon inefficiency, clusters merged with tracks, beam-induced
 * background clusters, the CM energy spread and the beam spot.
 */
public final class DetectorSmearing {
    private final double curvatureTerm;
    private final double scatteringTerm;
    private final double angularConstantTerm;
    private final double angularScatteringTerm;
    private final double trackPolarMinDeg;
    private final double trackPolarMaxDeg;
    private final double eclPolarMinDeg;
    private final double eclPolarMaxDeg;
    private final double photonThreshold;
    private final double eclNoiseTerm;
    private final double eclStochasticTerm;
    private final double eclConstantTerm;
    private final boolean acceptanceApplied;
    private final double trackCosMax;
    private final double trackCosMin;
    private final double eclCosMax;
    private final double eclCosMin;
    private static final double FORWARD_GAP_COS_MAX = Math.cos(Math.toRadians(31.4));
    private static final double FORWARD_GAP_COS_MIN = Math.cos(Math.toRadians(32.2));
    private static final double BACKWARD_GAP_COS_MAX = Math.cos(Math.toRadians(128.7));
    private static final double BACKWARD_GAP_COS_MIN = Math.cos(Math.toRadians(130.7));

    /**
     * @param curvatureTerm a in sigma(pT)/pT = a pT (+) b/beta, per GeV
     * @param scatteringTerm b in sigma(pT)/pT = a pT (+) b/beta
     * @param angularConstantTerm c in sigma(theta) = sigma(phi) = c (+) d/(p beta), rad
     * @param angularScatteringTerm d in sigma(theta) = c (+) d/(p beta), rad GeV
     * @param trackPolarMinDeg lower edge of the tracking acceptance in lab polar angle, degrees
     * @param trackPolarMaxDeg upper edge of the tracking acceptance, degrees
     * @param eclPolarMinDeg lower edge of the calorimeter acceptance, degrees
     * @param eclPolarMaxDeg upper edge of the calorimeter acceptance, degrees
     * @param photonThreshold the smallest detected photon energy, GeV
     * @param eclNoiseTerm relative energy resolution term scaling as 1/E (E in GeV)
     * @param eclStochasticTerm relative energy resolution term scaling as 1/E^(1/4)
     * @param eclConstantTerm constant relative energy resolution term
     * @param acceptanceApplied whether events with a muon outside the tracking acceptance are dropped
     * @throws InvalidInputException if a term is negative or not finite, or an acceptance range is
     *     not {@code 0 <= min < max <= 180} degrees
     */
    public DetectorSmearing(double curvatureTerm, double scatteringTerm, double angularConstantTerm,
            double angularScatteringTerm, double trackPolarMinDeg, double trackPolarMaxDeg,
            double eclPolarMinDeg, double eclPolarMaxDeg, double photonThreshold, double eclNoiseTerm,
            double eclStochasticTerm, double eclConstantTerm, boolean acceptanceApplied) {
        double[] nonNegative = {curvatureTerm, scatteringTerm, angularConstantTerm,
            angularScatteringTerm, photonThreshold, eclNoiseTerm, eclStochasticTerm, eclConstantTerm};
        for (double v : nonNegative) {
            if (!(v >= 0.0) || Double.isInfinite(v)) {
                throw new InvalidInputException("detector smearing: resolution terms and the photon "
                        + "threshold must be finite and non-negative, got " + v);
            }
        }
        checkRange("tracking", trackPolarMinDeg, trackPolarMaxDeg);
        checkRange("calorimeter", eclPolarMinDeg, eclPolarMaxDeg);
        this.curvatureTerm = curvatureTerm;
        this.scatteringTerm = scatteringTerm;
        this.angularConstantTerm = angularConstantTerm;
        this.angularScatteringTerm = angularScatteringTerm;
        this.trackPolarMinDeg = trackPolarMinDeg;
        this.trackPolarMaxDeg = trackPolarMaxDeg;
        this.eclPolarMinDeg = eclPolarMinDeg;
        this.eclPolarMaxDeg = eclPolarMaxDeg;
        this.photonThreshold = photonThreshold;
        this.eclNoiseTerm = eclNoiseTerm;
        this.eclStochasticTerm = eclStochasticTerm;
        this.eclConstantTerm = eclConstantTerm;
        this.acceptanceApplied = acceptanceApplied;
        this.trackCosMax = Math.cos(Math.toRadians(trackPolarMinDeg));
        this.trackCosMin = Math.cos(Math.toRadians(trackPolarMaxDeg));
        this.eclCosMax = Math.cos(Math.toRadians(eclPolarMinDeg));
        this.eclCosMin = Math.cos(Math.toRadians(eclPolarMaxDeg));
    }

    private static void checkRange(String what, double min, double max) {
        if (!(min >= 0.0 && min < max && max <= 180.0)) {
            throw new InvalidInputException("detector smearing: " + what + " acceptance must satisfy"
                    + " 0 <= min < max <= 180 degrees, got [" + min + ", " + max + "]");
        }
    }

    /** @return the Belle II-like response described in the class documentation, acceptance applied */
    public static DetectorSmearing belle2() {
        return new DetectorSmearing(0.0011, 0.0025, 1.0e-3, 1.5e-3, 17.0, 150.0, 12.4, 155.1,
                0.1, 0.00066, 0.0081, 0.0134, true);
    }

    /**
     * @param applied whether events with a muon outside the tracking acceptance are dropped
     * @return a copy with that setting
     */
    public DetectorSmearing withAcceptanceApplied(boolean applied) {
        return new DetectorSmearing(curvatureTerm, scatteringTerm, angularConstantTerm,
                angularScatteringTerm, trackPolarMinDeg, trackPolarMaxDeg, eclPolarMinDeg,
                eclPolarMaxDeg, photonThreshold, eclNoiseTerm, eclStochasticTerm, eclConstantTerm,
                applied);
    }

    /**
     * @return a copy with perfect resolution (no smearing of tracks or photon energies), keeping the
     *     acceptances and the photon threshold: generator-level quantities as the detector would
     *     select them
     */
    public DetectorSmearing withoutResolution() {
        return new DetectorSmearing(0.0, 0.0, 0.0, 0.0, trackPolarMinDeg, trackPolarMaxDeg,
                eclPolarMinDeg, eclPolarMaxDeg, photonThreshold, 0.0, 0.0, 0.0, acceptanceApplied);
    }

    /**
     * @param threshold the smallest detected photon energy, GeV
     * @return a copy with that threshold
     */
    public DetectorSmearing withPhotonThreshold(double threshold) {
        return new DetectorSmearing(curvatureTerm, scatteringTerm, angularConstantTerm,
                angularScatteringTerm, trackPolarMinDeg, trackPolarMaxDeg, eclPolarMinDeg,
                eclPolarMaxDeg, threshold, eclNoiseTerm, eclStochasticTerm, eclConstantTerm,
                acceptanceApplied);
    }

    /** @return a in sigma(pT)/pT = a pT (+) b/beta, per GeV */
    public double curvatureTerm() {
        return curvatureTerm;
    }

    /** @return b in sigma(pT)/pT = a pT (+) b/beta */
    public double scatteringTerm() {
        return scatteringTerm;
    }

    /** @return c in sigma(angle) = c (+) d/(p beta), rad */
    public double angularConstantTerm() {
        return angularConstantTerm;
    }

    /** @return d in sigma(angle) = c (+) d/(p beta), rad GeV */
    public double angularScatteringTerm() {
        return angularScatteringTerm;
    }

    /** @return the lower edge of the tracking acceptance, degrees */
    public double trackPolarMinDeg() {
        return trackPolarMinDeg;
    }

    /** @return the upper edge of the tracking acceptance, degrees */
    public double trackPolarMaxDeg() {
        return trackPolarMaxDeg;
    }

    /** @return the lower edge of the calorimeter acceptance, degrees */
    public double eclPolarMinDeg() {
        return eclPolarMinDeg;
    }

    /** @return the upper edge of the calorimeter acceptance, degrees */
    public double eclPolarMaxDeg() {
        return eclPolarMaxDeg;
    }

    /** @return the photon detection threshold, GeV */
    public double photonThreshold() {
        return photonThreshold;
    }

    /** @return whether events with a muon outside the tracking acceptance are dropped */
    public boolean acceptanceApplied() {
        return acceptanceApplied;
    }

    /**
     * @param pT transverse momentum in GeV
     * @param beta the particle velocity p/E
     * @return sigma(pT)/pT = a pT (+) b/beta
     */
    public double relativeTransverseMomentumResolution(double pT, double beta) {
        double a = curvatureTerm * pT;
        double b = scatteringTerm / beta;
        return Math.sqrt(a * a + b * b);
    }

    /**
     * @param p momentum in GeV
     * @param beta velocity p/E
     * @return the polar angle (and azimuth) resolution in rad, c (+) d/(p beta)
     */
    public double angularResolution(double p, double beta) {
        double d = angularScatteringTerm / (p * beta);
        return Math.sqrt(angularConstantTerm * angularConstantTerm + d * d);
    }

    /**
     * @return whether a track with lab momentum (px, py, pz) lies inside the tracking acceptance
     *     (always true when the acceptance is not applied)
     */
    public boolean inTrackAcceptance(double px, double py, double pz) {
        if (!acceptanceApplied) {
            return true;
        }
        double cos = pz / Math.sqrt(px * px + py * py + pz * pz);
        return cos < trackCosMax && cos > trackCosMin;
    }

    /**
     * @return whether a photon with lab momentum (px, py, pz) hits the calorimeter: inside the
     *     acceptance and not in a barrel-endcap gap
     */
    public boolean inCalorimeterAcceptance(double px, double py, double pz) {
        double cos = pz / Math.sqrt(px * px + py * py + pz * pz);
        if (!(cos < eclCosMax && cos > eclCosMin)) {
            return false;
        }
        boolean forwardGap = cos < FORWARD_GAP_COS_MAX && cos > FORWARD_GAP_COS_MIN;
        boolean backwardGap = cos < BACKWARD_GAP_COS_MAX && cos > BACKWARD_GAP_COS_MIN;
        return !forwardGap && !backwardGap;
    }

    /**
     * Smears a muon's lab momentum in place: pT is scaled by 1 + sigma(pT)/pT g1, and the direction
     * is turned by sigma_angle g2 in polar angle and sigma_angle g3 in azimuth (small-angle
     * rotation), with g1..g3 independent standard normal numbers.
     *
     * @param p array holding (px, py, pz) at {@code offset}, GeV, overwritten with the measured values
     * @param offset index of px
     * @param gauss a standard-normal sampler
     */
    public void smearMuon(double[] p, int offset, NormalizedGaussianSampler gauss) {
        double px = p[offset];
        double py = p[offset + 1];
        double pz = p[offset + 2];
        double pT = Math.sqrt(px * px + py * py);
        double mom = Math.sqrt(pT * pT + pz * pz);
        double m = PhysicsConstants.MUON_MASS;
        double beta = mom / Math.sqrt(mom * mom + m * m);
        double sigmaAngle = angularResolution(mom, beta);
        double scale = 1.0 + relativeTransverseMomentumResolution(pT, beta) * gauss.sample();
        double dTheta = sigmaAngle * gauss.sample();
        double dPhi = sigmaAngle * gauss.sample();
        double cosT = pz / mom;
        double sinT = pT / mom;
        double cosP = pT > 0.0 ? px / pT : 1.0;
        double sinP = pT > 0.0 ? py / pT : 0.0;
        // n' = n + dTheta e_theta + dPhi sin(theta) e_phi, renormalised
        double nx = sinT * cosP + dTheta * cosT * cosP - dPhi * sinT * sinP;
        double ny = sinT * sinP + dTheta * cosT * sinP + dPhi * sinT * cosP;
        double nz = cosT - dTheta * sinT;
        double nT = Math.sqrt(nx * nx + ny * ny);
        double pTm = Math.abs(pT * scale);
        double f = pTm / nT;
        p[offset] = nx * f;
        p[offset + 1] = ny * f;
        p[offset + 2] = nz * f;
    }

    /**
     * The calorimeter's measurement of a photon: its smeared energy when it hits the ECL and the
     * smeared energy is above threshold, 0 otherwise (escaped or undetected).
     *
     * @param energy true photon energy, GeV
     * @param px lab momentum x component, GeV
     * @param py lab momentum y component, GeV
     * @param pz lab momentum z component, GeV
     * @param gauss a standard-normal sampler
     * @return the measured energy in GeV, or 0
     */
    public double measuredPhotonEnergy(double energy, double px, double py, double pz,
            NormalizedGaussianSampler gauss) {
        if (!(energy > 0.0) || !inCalorimeterAcceptance(px, py, pz)) {
            return 0.0;
        }
        double noise = eclNoiseTerm / energy;
        double stochastic = eclStochasticTerm / Math.sqrt(Math.sqrt(energy));
        double rel = Math.sqrt(noise * noise + stochastic * stochastic + eclConstantTerm * eclConstantTerm);
        double measured = energy * (1.0 + rel * gauss.sample());
        return measured > photonThreshold ? measured : 0.0;
    }
}
