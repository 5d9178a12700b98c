package org.recoil.core.sim;

import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.recoil.core.InvalidInputException;

/**
 * A simplified Belle II-like tracking response: Gaussian smearing of the momentum magnitude with
 * the transverse-momentum resolution {@code σ(p_T)/p_T = a p_T ⊕ b/β} (p_T in GeV, terms added in
 * quadrature, direction unchanged) and a polar-angle acceptance.
 *
 * <p>Default numbers ({@link #belle2Like()}): {@code a = 0.0011 /GeV}, {@code b = 0.0025}, acceptance
 * 17°–150°. They are the design tracking resolution and the central-drift-chamber coverage quoted
 * for Belle II (Belle II Technical Design Report, arXiv:1011.0352, and the Belle II Physics Book,
 * PTEP 2019 (2019) 123C01, Sect. 3); here they are an assumption of a toy detector, not a
 * calibrated Belle II simulation.
 *
 * @param curvatureTerm a, the p_T-proportional term in 1/GeV
 * @param scatteringTerm b, the multiple-scattering term (dimensionless, divided by β)
 * @param thetaMin smallest accepted polar angle in rad
 * @param thetaMax largest accepted polar angle in rad
 */
public record DetectorSmearing(double curvatureTerm, double scatteringTerm, double thetaMin, double thetaMax) {

    /** Validates the parameters. */
    public DetectorSmearing {
        if (!(curvatureTerm >= 0.0) || !(scatteringTerm >= 0.0) || !Double.isFinite(curvatureTerm)
                || !Double.isFinite(scatteringTerm)) {
            throw new InvalidInputException("momentum resolution terms must be >= 0, got a=" + curvatureTerm + ", b="
                    + scatteringTerm);
        }
        if (!(thetaMin >= 0.0 && thetaMin < thetaMax && thetaMax <= Math.PI)) {
            throw new InvalidInputException("acceptance polar angles must satisfy 0 <= thetaMin < thetaMax <= pi, got ["
                    + thetaMin + ", " + thetaMax + "] rad");
        }
    }

    /** @return a = 0.0011/GeV, b = 0.0025, 17°–150° (see the class documentation for the source) */
    public static DetectorSmearing belle2Like() {
        return new DetectorSmearing(0.0011, 0.0025, Math.toRadians(17.0), Math.toRadians(150.0));
    }

    /**
     * @param pt transverse momentum in GeV
     * @param beta velocity p/E
     * @return σ(p_T)/p_T
     */
    public double relativeResolution(double pt, double beta) {
        return Math.hypot(curvatureTerm * pt, scatteringTerm / beta);
    }

    /**
     * @param p a four-momentum {E, px, py, pz}
     * @return whether its polar angle lies in the acceptance
     */
    public boolean accepts(double[] p) {
        double theta = Math.atan2(Math.hypot(p[1], p[2]), p[3]);
        return theta >= thetaMin && theta <= thetaMax;
    }

    /**
     * Smears a four-momentum in place: {@code p⃗ → (1 + δ) p⃗}, {@code δ ~ N(0, σ(p_T)/p_T)} (a
     * draw with {@code 1 + δ <= 0} is repeated), and {@code E = √(p² + m²)}.
     *
     * @param p four-momentum {E, px, py, pz} in GeV, modified
     * @param mass the particle mass in GeV
     * @param gauss standard normal deviates
     */
    public void smear(double[] p, double mass, NormalizedGaussianSampler gauss) {
        double pt = Math.hypot(p[1], p[2]);
        double mod2 = p[1] * p[1] + p[2] * p[2] + p[3] * p[3];
        double beta = Math.sqrt(mod2) / p[0];
        double sigma = relativeResolution(pt, beta);
        double scale;
        do {
            scale = 1.0 + sigma * gauss.sample();
        } while (scale <= 0.0);
        p[1] *= scale;
        p[2] *= scale;
        p[3] *= scale;
        p[0] = Math.sqrt(scale * scale * mod2 + mass * mass);
    }
}
