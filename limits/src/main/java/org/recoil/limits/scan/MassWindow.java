package org.recoil.limits.scan;

import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.RecoilMassResolution;

/**
 * The search window of one Z′ mass hypothesis in the squared recoil mass: M<sub>rec</sub>² ∈
 * [{@code lo}, {@code hi}] GeV², normally M<sub>Z′</sub>² ± nσ(M<sub>rec</sub>²) with the resolution of
 * {@link RecoilMassResolution} (Belle II, Phys. Rev. Lett. 124 (2020) 141801 and 130 (2023) 231801
 * use windows of this kind).
 *
 * @param mass Z′ mass hypothesis in GeV, finite and &gt; 0
 * @param lo lower edge in GeV² (may be negative: the measured M<sub>rec</sub>² can be)
 * @param hi upper edge in GeV², &gt; lo
 */
public record MassWindow(double mass, double lo, double hi) {

    /** Validates the edges. */
    public MassWindow {
        if (!(mass > 0) || !Double.isFinite(mass)) {
            throw new InvalidInputException("mass window: Z' mass must be finite and > 0, got " + mass);
        }
        if (!Double.isFinite(lo) || !Double.isFinite(hi) || !(hi > lo)) {
            throw new InvalidInputException("mass window at M = " + mass + " GeV: need finite edges lo < hi, got ["
                    + lo + ", " + hi + "] GeV^2");
        }
    }

    /**
     * The window M² ± nσ(M²).
     *
     * @param mass Z′ mass in GeV
     * @param resolution σ(M<sub>rec</sub>²) versus mass
     * @param nSigma half-width in units of σ, finite and &gt; 0
     * @return the window
     * @throws InvalidInputException if the mass is outside the resolution table or nσ is not positive
     */
    public static MassWindow around(double mass, RecoilMassResolution resolution, double nSigma) {
        if (!(nSigma > 0) || !Double.isFinite(nSigma)) {
            throw new InvalidInputException("mass window half-width must be finite and > 0 sigma, got " + nSigma);
        }
        double s = resolution.sigmaM2(mass);
        double m2 = mass * mass;
        return new MassWindow(mass, m2 - nSigma * s, m2 + nSigma * s);
    }

    /** @return the width hi − lo in GeV² */
    public double width() {
        return hi - lo;
    }

    /**
     * @param recoilMass2 a squared recoil mass in GeV²
     * @return whether lo ≤ value &lt; hi (half-open, so adjacent windows do not share events)
     */
    public boolean contains(double recoilMass2) {
        return recoilMass2 >= lo && recoilMass2 < hi;
    }
}
