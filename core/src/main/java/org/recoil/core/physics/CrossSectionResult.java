package org.recoil.core.physics;

/**
 * A Monte Carlo cross section with its statistical error, for coupling g′ = 1.
 *
 * @param zPrimeMass Z′ mass in GeV (0 for the Born process e⁺e⁻ → μ⁺μ⁻)
 * @param sqrtS centre-of-mass energy in GeV
 * @param sigmaPb the cross section in pb
 * @param errorPb its statistical (Monte Carlo) standard error in pb
 * @param calls matrix-element evaluations of the final estimate
 */
public record CrossSectionResult(double zPrimeMass, double sqrtS, double sigmaPb, double errorPb, long calls) {

    /** @return {@code errorPb / sigmaPb} */
    public double relativeError() {
        return errorPb / sigmaPb;
    }

    /**
     * @param gPrime the L_μ − L_τ coupling g′
     * @return the cross section at coupling g′ in pb ({@code σ ∝ g′²} exactly at tree level)
     */
    public double sigmaPb(double gPrime) {
        return sigmaPb * gPrime * gPrime;
    }
}
