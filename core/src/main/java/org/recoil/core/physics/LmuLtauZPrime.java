package org.recoil.core.physics;

import org.recoil.core.InvalidInputException;

/**
 * The Z′ boson of gauged L<sub>μ</sub>−L<sub>τ</sub>: a vector coupling g′ to μ and τ and to the
 * left-handed ν<sub>μ</sub>, ν<sub>τ</sub> (X.-G. He, G. C. Joshi, H. Lew, R. R. Volkas, Phys. Rev. D 43
 * (1991) R22; widths as in e.g. W. Altmannshofer et al., JHEP 12 (2016) 106, and the Belle II
 * analysis, Phys. Rev. Lett. 124 (2020) 141801).
 *
 * <p>Partial widths at tree level (m<sub>Z′</sub> = M):
 * <pre>
 *   Γ(Z′ → ℓ⁺ℓ⁻) = g′² M/(12π) (1 + 2m<sub>ℓ</sub>²/M²) √(1 − 4m<sub>ℓ</sub>²/M²),  ℓ = μ, τ (zero below 2m<sub>ℓ</sub>)
 *   Γ(Z′ → νν̄)  = g′² M/(24π)  per flavour (ν<sub>μ</sub>, ν<sub>τ</sub>; one helicity only)
 * </pre>
 * so BR(Z′ → invisible) is 1 below 2m<sub>μ</sub>, about 1/2 between 2m<sub>μ</sub> and
 * 2m<sub>τ</sub>, and tends to 1/3 far above 2m<sub>τ</sub>; it does not depend on g′.
 * Immutable and stateless; use {@link #INSTANCE} or {@link ZPrimeModel#lmuLtau()}.
 */
public final class LmuLtauZPrime implements ZPrimeModel {

    /** The one instance (the model has no free parameter besides the mass and g′). */
    public static final LmuLtauZPrime INSTANCE = new LmuLtauZPrime();

    private LmuLtauZPrime() {
    }

    @Override
    public String name() {
        return "lmu-ltau";
    }

    /**
     * Tree-level partial widths.
     *
     * @param mass Z′ mass in GeV, finite and &gt; 0
     * @param gPrime coupling g′, finite and &gt; 0
     * @return the partial widths in GeV (χχ̄ width zero)
     * @throws InvalidInputException if the mass or coupling is out of range
     */
    public PartialWidths partialWidths(double mass, double gPrime) {
        requirePositive("Z' mass (GeV)", mass);
        requirePositive("coupling g'", gPrime);
        double nu = neutrinoWidth(mass, gPrime);
        return new PartialWidths(
                vectorFermionPairWidth(mass, gPrime, PhysicsConstants.MUON_MASS),
                vectorFermionPairWidth(mass, gPrime, PhysicsConstants.TAU_MASS),
                nu, nu, 0.0);
    }

    /**
     * @param mass Z′ mass in GeV, finite and &gt; 0
     * @param gPrime coupling g′, finite and &gt; 0
     * @return the total width Γ<sub>tot</sub> in GeV
     */
    public double totalWidth(double mass, double gPrime) {
        return partialWidths(mass, gPrime).total();
    }

    /**
     * @param mass Z′ mass in GeV, finite and &gt; 0
     * @return BR(Z′ → νν̄), independent of g′
     */
    public double brInvisible(double mass) {
        return partialWidths(mass, 1.0).brInvisible();
    }

    /** {@inheritDoc} In this model the result does not depend on g′ (but g′ is still validated). */
    @Override
    public double brInvisible(double mass, double gPrime) {
        return partialWidths(mass, gPrime).brInvisible();
    }

    /**
     * Width of a vector boson of mass M decaying into a Dirac fermion pair through a pure vector
     * coupling g: Γ = g² M/(12π) (1 + 2m²/M²) √(1 − 4m²/M²), zero at and below threshold M ≤ 2m.
     *
     * @param mass boson mass M in GeV (&gt; 0)
     * @param coupling vector coupling g
     * @param fermionMass fermion mass m in GeV (&ge; 0)
     * @return the partial width in GeV
     */
    public static double vectorFermionPairWidth(double mass, double coupling, double fermionMass) {
        double r = (fermionMass / mass) * (fermionMass / mass);
        double beta2 = 1.0 - 4.0 * r;
        if (beta2 <= 0.0) {
            return 0.0;
        }
        return coupling * coupling * mass / (12.0 * Math.PI) * (1.0 + 2.0 * r) * Math.sqrt(beta2);
    }

    /**
     * Width into one massless left-handed neutrino flavour: Γ = g′² M/(24π).
     *
     * @param mass boson mass in GeV
     * @param gPrime coupling g′
     * @return the partial width in GeV
     */
    public static double neutrinoWidth(double mass, double gPrime) {
        return gPrime * gPrime * mass / (24.0 * Math.PI);
    }

    static void requirePositive(String what, double value) {
        if (!(value > 0.0) || Double.isInfinite(value)) {
            throw new InvalidInputException(what + " must be finite and > 0, got " + value);
        }
    }

    static void requireNonNegative(String what, double value) {
        if (!(value >= 0.0) || Double.isInfinite(value)) {
            throw new InvalidInputException(what + " must be finite and >= 0, got " + value);
        }
    }

    @Override
    public String toString() {
        return "LmuLtauZPrime";
    }
}
