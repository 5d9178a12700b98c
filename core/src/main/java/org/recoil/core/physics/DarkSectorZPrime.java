package org.recoil.core.physics;

/**
 * The L<sub>μ</sub>−L<sub>τ</sub> Z′ of {@link LmuLtauZPrime} with an extra invisible channel into
 * a Dirac-fermion dark-matter pair χχ̄ with a vector coupling g<sub>χ</sub> (as in the dark-sector
 * interpretation of Belle II, Phys. Rev. Lett. 124 (2020) 141801, and e.g. P. Foldenauer,
 * Phys. Rev. D 99 (2019) 035007):
 * <pre>
 *   Γ(Z′ → χχ̄) = g<sub>χ</sub>² M/(12π) (1 + 2m<sub>χ</sub>²/M²) √(1 − 4m<sub>χ</sub>²/M²),  zero for M ≤ 2m<sub>χ</sub>
 * </pre>
 * the same formula as for a charged lepton. BR(Z′ → invisible) = (Γ<sub>νν̄</sub> + Γ<sub>χχ̄</sub>)/Γ<sub>tot</sub>
 * then depends on the ratio g<sub>χ</sub>/g′; for g<sub>χ</sub> ≫ g′ it tends to 1
 * ({@link DarkDominatedZPrime}).
 *
 * @param chiMass dark-matter mass m<sub>χ</sub> in GeV, finite and &ge; 0
 * @param gChi coupling g<sub>χ</sub> of the Z′ to χ, finite and &ge; 0
 */
public record DarkSectorZPrime(double chiMass, double gChi) implements ZPrimeModel {

    /** Validates the parameters ({@link org.recoil.core.InvalidInputException} when out of range). */
    public DarkSectorZPrime {
        LmuLtauZPrime.requireNonNegative("dark-matter mass m_chi (GeV)", chiMass);
        LmuLtauZPrime.requireNonNegative("dark-matter coupling g_chi", gChi);
    }

    @Override
    public String name() {
        return "dark";
    }

    /**
     * @param mass Z′ mass in GeV, finite and &gt; 0
     * @param gPrime coupling g′ to the L<sub>μ</sub>−L<sub>τ</sub> current, finite and &gt; 0
     * @return the partial widths in GeV, including Γ(Z′ → χχ̄)
     */
    public PartialWidths partialWidths(double mass, double gPrime) {
        PartialWidths sm = LmuLtauZPrime.INSTANCE.partialWidths(mass, gPrime);
        double chi = LmuLtauZPrime.vectorFermionPairWidth(mass, gChi, chiMass);
        return new PartialWidths(sm.muMu(), sm.tauTau(), sm.nuMuNuMu(), sm.nuTauNuTau(), chi);
    }

    /**
     * @param mass Z′ mass in GeV
     * @param gPrime coupling g′
     * @return the total width in GeV
     */
    public double totalWidth(double mass, double gPrime) {
        return partialWidths(mass, gPrime).total();
    }

    @Override
    public double brInvisible(double mass, double gPrime) {
        return partialWidths(mass, gPrime).brInvisible();
    }
}
