package org.recoil.core.sim;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.PhysicsConstants;

/**
 * A Belle II-like parametrised detector response, applied to lab-frame generator-level particles:
 * Gaussian smearing of muon tracks, the tracking acceptance, and photon detection in the
 * electromagnetic calorimeter (ECL) feeding the "extra energy" of an event. Immutable; other
 * settings via {@link #builder()} / {@link #toBuilder()} or the {@code with...} methods.
 *
 * <p>Parametrisation and sources ({@link #belle2()}):
 * <ul>
 *   <li>transverse-momentum resolution {@code sigma(pT)/pT = a pT (+) b/beta} with a = 0.0011/GeV,
 *       b = 0.0025, added in quadrature (Belle II Technical Design Report, arXiv:1011.0352, CDC
 *       chapter; also quoted in the Belle II Physics Book, arXiv:1808.10567);</li>
 *   <li>polar angle and azimuth resolution {@code c (+) d/(p beta)} with c = 1 mrad and
 *       d = 1.5 mrad GeV (an assumption of this model: intrinsic resolution plus multiple
 *       scattering, of the order of the Belle II design);</li>
 *   <li>tracking acceptance 17 deg &lt; theta_lab &lt; 150 deg (CDC, TDR), and a muon candidate needs
 *       a lab momentum above 0.6 GeV (an assumption: slower muons do not reach the KLM and are not
 *       identified);</li>
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
    private static final double FORWARD_GAP_COS_MAX = Math.cos(Math.toRadians(31.4));
    private static final double FORWARD_GAP_COS_MIN = Math.cos(Math.toRadians(32.2));
    private static final double BACKWARD_GAP_COS_MAX = Math.cos(Math.toRadians(128.7));
    private static final double BACKWARD_GAP_COS_MIN = Math.cos(Math.toRadians(130.7));

    private final Builder settings;
    private final double trackCosMax;
    private final double trackCosMin;
    private final double eclCosMax;
    private final double eclCosMin;

    private DetectorSmearing(Builder b) {
        double[] nonNegative = {b.curvatureTerm, b.scatteringTerm, b.angularConstantTerm,
            b.angularScatteringTerm, b.photonThreshold, b.eclNoiseTerm, b.eclStochasticTerm,
            b.eclConstantTerm, b.minMuonMomentum};
        for (double v : nonNegative) {
            if (!(v >= 0.0) || Double.isInfinite(v)) {
                throw new InvalidInputException("detector smearing: resolution terms, thresholds and the "
                        + "minimum muon momentum must be finite and non-negative, got " + v);
            }
        }
        checkRange("tracking", b.trackPolarMinDeg, b.trackPolarMaxDeg);
        checkRange("calorimeter", b.eclPolarMinDeg, b.eclPolarMaxDeg);
        this.settings = b.copy();
        this.trackCosMax = Math.cos(Math.toRadians(b.trackPolarMinDeg));
        this.trackCosMin = Math.cos(Math.toRadians(b.trackPolarMaxDeg));
        this.eclCosMax = Math.cos(Math.toRadians(b.eclPolarMinDeg));
        this.eclCosMin = Math.cos(Math.toRadians(b.eclPolarMaxDeg));
    }

    private static void checkRange(String what, double min, double max) {
        if (!(min >= 0.0 && min < max && max <= 180.0)) {
            throw new InvalidInputException("detector smearing: " + what + " acceptance must satisfy"
                    + " 0 <= min < max <= 180 degrees, got [" + min + ", " + max + "]");
        }
    }

    /** @return the Belle II-like response described in the class documentation, acceptance applied */
    public static DetectorSmearing belle2() {
        return builder().build();
    }

    /** @return a builder initialised with the {@link #belle2()} settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder initialised with these settings */
    public Builder toBuilder() {
        return settings.copy();
    }

    /**
     * @param applied whether events with a muon outside the tracking acceptance (or below the
     *     minimum muon momentum) are dropped
     * @return a copy with that setting
     */
    public DetectorSmearing withAcceptanceApplied(boolean applied) {
        return toBuilder().acceptanceApplied(applied).build();
    }

    /**
     * @return a copy with perfect resolution (no smearing of tracks or photon energies), keeping the
     *     acceptances and thresholds: generator-level quantities as the detector would select them
     */
    public DetectorSmearing withoutResolution() {
        return toBuilder().momentumResolution(0.0, 0.0).angularResolution(0.0, 0.0)
                .calorimeterResolution(0.0, 0.0, 0.0).build();
    }

    /** @return a in sigma(pT)/pT = a pT (+) b/beta, per GeV */
    public double curvatureTerm() {
        return settings.curvatureTerm;
    }

    /** @return b in sigma(pT)/pT = a pT (+) b/beta */
    public double scatteringTerm() {
        return settings.scatteringTerm;
    }

    /** @return c in sigma(angle) = c (+) d/(p beta), rad */
    public double angularConstantTerm() {
        return settings.angularConstantTerm;
    }

    /** @return d in sigma(angle) = c (+) d/(p beta), rad GeV */
    public double angularScatteringTerm() {
        return settings.angularScatteringTerm;
    }

    /** @return the lower edge of the tracking acceptance, degrees */
    public double trackPolarMinDeg() {
        return settings.trackPolarMinDeg;
    }

    /** @return the upper edge of the tracking acceptance, degrees */
    public double trackPolarMaxDeg() {
        return settings.trackPolarMaxDeg;
    }

    /** @return the smallest lab momentum of an identified muon, GeV */
    public double minMuonMomentum() {
        return settings.minMuonMomentum;
    }

    /** @return the lower edge of the calorimeter acceptance, degrees */
    public double eclPolarMinDeg() {
        return settings.eclPolarMinDeg;
    }

    /** @return the upper edge of the calorimeter acceptance, degrees */
    public double eclPolarMaxDeg() {
        return settings.eclPolarMaxDeg;
    }

    /** @return the photon detection threshold, GeV */
    public double photonThreshold() {
        return settings.photonThreshold;
    }

    /** @return whether events with a muon outside the acceptance are dropped */
    public boolean acceptanceApplied() {
        return settings.acceptanceApplied;
    }

    /**
     * @param pT transverse momentum in GeV
     * @param beta the particle velocity p/E
     * @return sigma(pT)/pT = a pT (+) b/beta
     */
    public double relativeTransverseMomentumResolution(double pT, double beta) {
        double a = settings.curvatureTerm * pT;
        double b = settings.scatteringTerm / beta;
        return Math.sqrt(a * a + b * b);
    }

    /**
     * @param p momentum in GeV
     * @param beta velocity p/E
     * @return the polar angle (and azimuth) resolution in rad, c (+) d/(p beta)
     */
    public double angularResolution(double p, double beta) {
        double c = settings.angularConstantTerm;
        double d = settings.angularScatteringTerm / (p * beta);
        return Math.sqrt(c * c + d * d);
    }

    /**
     * @param px lab momentum x component, GeV
     * @param py lab momentum y component, GeV
     * @param pz lab momentum z component, GeV
     * @return whether a muon with lab momentum (px, py, pz) is reconstructed and identified: inside
     *     the tracking acceptance and above the minimum muon momentum (always true when the
     *     acceptance is not applied)
     */
    public boolean inTrackAcceptance(double px, double py, double pz) {
        if (!settings.acceptanceApplied) {
            return true;
        }
        double p = Math.sqrt(px * px + py * py + pz * pz);
        double cos = pz / p;
        return cos < trackCosMax && cos > trackCosMin && p >= settings.minMuonMomentum;
    }

    /**
     * @param px lab momentum x component, GeV
     * @param py lab momentum y component, GeV
     * @param pz lab momentum z component, GeV
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
        // n' = n + dTheta e_theta + dPhi sin(theta) e_phi, renormalised to the smeared pT
        double nx = sinT * cosP + dTheta * cosT * cosP - dPhi * sinT * sinP;
        double ny = sinT * sinP + dTheta * cosT * sinP + dPhi * sinT * cosP;
        double nz = cosT - dTheta * sinT;
        double nT = Math.sqrt(nx * nx + ny * ny);
        double f = Math.abs(pT * scale) / nT;
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
        double noise = settings.eclNoiseTerm / energy;
        double stochastic = settings.eclStochasticTerm / Math.sqrt(Math.sqrt(energy));
        double constant = settings.eclConstantTerm;
        double rel = Math.sqrt(noise * noise + stochastic * stochastic + constant * constant);
        double measured = energy * (1.0 + rel * gauss.sample());
        return measured > settings.photonThreshold ? measured : 0.0;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "DetectorSmearing[sigma(pT)/pT=%g pT (+) %g/beta, "
                + "sigma(angle)=%g (+) %g/(p beta) rad, tracks %g-%g deg, p(mu)>%g GeV, ECL %g-%g deg, "
                + "photons>%g GeV, acceptance %s]", settings.curvatureTerm, settings.scatteringTerm,
                settings.angularConstantTerm, settings.angularScatteringTerm, settings.trackPolarMinDeg,
                settings.trackPolarMaxDeg, settings.minMuonMomentum, settings.eclPolarMinDeg,
                settings.eclPolarMaxDeg, settings.photonThreshold,
                settings.acceptanceApplied ? "applied" : "not applied");
    }

    /**
     * Mutable settings of a {@link DetectorSmearing}, starting from the {@link #belle2()} values.
     * Not thread-safe; {@link #build()} validates and copies.
     */
    public static final class Builder {
        private double curvatureTerm = 0.0011;
        private double scatteringTerm = 0.0025;
        private double angularConstantTerm = 1.0e-3;
        private double angularScatteringTerm = 1.5e-3;
        private double trackPolarMinDeg = 17.0;
        private double trackPolarMaxDeg = 150.0;
        private double minMuonMomentum = 0.6;
        private double eclPolarMinDeg = 12.4;
        private double eclPolarMaxDeg = 155.1;
        private double photonThreshold = 0.1;
        private double eclNoiseTerm = 0.00066;
        private double eclStochasticTerm = 0.0081;
        private double eclConstantTerm = 0.0134;
        private boolean acceptanceApplied = true;

        private Builder() {
        }

        private Builder copy() {
            Builder b = new Builder();
            b.curvatureTerm = curvatureTerm;
            b.scatteringTerm = scatteringTerm;
            b.angularConstantTerm = angularConstantTerm;
            b.angularScatteringTerm = angularScatteringTerm;
            b.trackPolarMinDeg = trackPolarMinDeg;
            b.trackPolarMaxDeg = trackPolarMaxDeg;
            b.minMuonMomentum = minMuonMomentum;
            b.eclPolarMinDeg = eclPolarMinDeg;
            b.eclPolarMaxDeg = eclPolarMaxDeg;
            b.photonThreshold = photonThreshold;
            b.eclNoiseTerm = eclNoiseTerm;
            b.eclStochasticTerm = eclStochasticTerm;
            b.eclConstantTerm = eclConstantTerm;
            b.acceptanceApplied = acceptanceApplied;
            return b;
        }

        /**
         * @param curvature a in sigma(pT)/pT = a pT (+) b/beta, per GeV
         * @param scattering b
         * @return this builder
         */
        public Builder momentumResolution(double curvature, double scattering) {
            this.curvatureTerm = curvature;
            this.scatteringTerm = scattering;
            return this;
        }

        /**
         * @param constant c in sigma(angle) = c (+) d/(p beta), rad
         * @param scattering d, rad GeV
         * @return this builder
         */
        public Builder angularResolution(double constant, double scattering) {
            this.angularConstantTerm = constant;
            this.angularScatteringTerm = scattering;
            return this;
        }

        /**
         * @param minDeg lower edge of the tracking acceptance, degrees
         * @param maxDeg upper edge, degrees
         * @return this builder
         */
        public Builder trackAcceptance(double minDeg, double maxDeg) {
            this.trackPolarMinDeg = minDeg;
            this.trackPolarMaxDeg = maxDeg;
            return this;
        }

        /**
         * @param momentum smallest lab momentum of an identified muon, GeV
         * @return this builder
         */
        public Builder minMuonMomentum(double momentum) {
            this.minMuonMomentum = momentum;
            return this;
        }

        /**
         * @param minDeg lower edge of the calorimeter acceptance, degrees
         * @param maxDeg upper edge, degrees
         * @return this builder
         */
        public Builder calorimeterAcceptance(double minDeg, double maxDeg) {
            this.eclPolarMinDeg = minDeg;
            this.eclPolarMaxDeg = maxDeg;
            return this;
        }

        /**
         * @param threshold smallest detected photon energy, GeV
         * @return this builder
         */
        public Builder photonThreshold(double threshold) {
            this.photonThreshold = threshold;
            return this;
        }

        /**
         * @param noise relative resolution term scaling as 1/E
         * @param stochastic term scaling as 1/E^(1/4)
         * @param constant constant term
         * @return this builder
         */
        public Builder calorimeterResolution(double noise, double stochastic, double constant) {
            this.eclNoiseTerm = noise;
            this.eclStochasticTerm = stochastic;
            this.eclConstantTerm = constant;
            return this;
        }

        /**
         * @param applied whether events with a muon outside the acceptance are dropped
         * @return this builder
         */
        public Builder acceptanceApplied(boolean applied) {
            this.acceptanceApplied = applied;
            return this;
        }

        /**
         * @return the detector response
         * @throws InvalidInputException if a term is negative or not finite, or an acceptance range
         *     is not {@code 0 <= min < max <= 180} degrees
         */
        public DetectorSmearing build() {
            return new DetectorSmearing(this);
        }
    }
}
