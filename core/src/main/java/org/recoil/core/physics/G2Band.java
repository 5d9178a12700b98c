package org.recoil.core.physics;

/**
 * The (g−2)<sub>μ</sub>-favoured range of the coupling g′ at one Z′ mass: the g′ for which the
 * one-loop Δa<sub>μ</sub>(g′, M) lies within central ± nσ of a {@link DeltaAMuScenario}
 * (physics.json {@code band_definition}).
 *
 * <p>Where central − nσ ≤ 0, the band reaches down to g′ = 0 (no Z′ at all is compatible): then
 * {@code hasLower} is false and {@code lower} is 0. {@code central} is the coupling whose
 * Δa<sub>μ</sub> equals the central value, or 0 when the central value is ≤ 0 (the best fit among
 * g′ ≥ 0). No field is ever NaN.
 *
 * @param mass Z′ mass in GeV
 * @param lower lower edge g′<sub>low</sub> (0 when {@code hasLower} is false)
 * @param central coupling reproducing the central Δa<sub>μ</sub> (0 if that is ≤ 0)
 * @param upper upper edge g′<sub>high</sub> (&gt; 0)
 * @param hasLower whether the band has a lower edge above zero (central − nσ &gt; 0)
 */
public record G2Band(double mass, double lower, double central, double upper, boolean hasLower) {

    /** Checks 0 ≤ lower ≤ central ≤ upper, all finite, and lower = 0 without a lower edge. */
    public G2Band {
        if (!(lower >= 0.0 && lower <= central && central <= upper) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException("g-2 band at mass " + mass
                    + " GeV needs 0 <= lower <= central <= upper < inf, got " + lower + ", " + central + ", " + upper);
        }
        if (!hasLower && lower != 0.0) {
            throw new IllegalArgumentException("g-2 band at mass " + mass + " GeV without a lower edge must have lower = 0");
        }
    }

    /**
     * @param gPrime a coupling
     * @return whether {@code gPrime} lies in the favoured band (edges included)
     */
    public boolean contains(double gPrime) {
        return gPrime >= lower && gPrime <= upper;
    }
}
