package org.recoil.core.physics;

/**
 * The dark-sector limit of the Z′: Z′ → χχ̄ dominates every other decay (g<sub>χ</sub> ≫ g′ with
 * 2m<sub>χ</sub> &lt; M), so BR(Z′ → invisible) = 1 at every mass; this is the second benchmark of
 * Belle II, Phys. Rev. Lett. 124 (2020) 141801. The total width is not determined by this limit
 * (use {@link DarkSectorZPrime} for explicit widths). Use {@link #INSTANCE} or
 * {@link ZPrimeModel#darkDominated()}.
 */
public final class DarkDominatedZPrime implements ZPrimeModel {

    /** The one instance. */
    public static final DarkDominatedZPrime INSTANCE = new DarkDominatedZPrime();

    private DarkDominatedZPrime() {
    }

    @Override
    public String name() {
        return "dark-dominated";
    }

    /** {@inheritDoc} Always 1 (after validating the arguments). */
    @Override
    public double brInvisible(double mass, double gPrime) {
        LmuLtauZPrime.requirePositive("Z' mass (GeV)", mass);
        LmuLtauZPrime.requirePositive("coupling g'", gPrime);
        return 1.0;
    }

    @Override
    public String toString() {
        return "DarkDominatedZPrime";
    }
}
