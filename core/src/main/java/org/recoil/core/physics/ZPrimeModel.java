package org.recoil.core.physics;

/**
 * A Z′ model as far as a recoil-mass search needs it: how often the Z′ decays invisibly.
 *
 * <p>Implementations: {@link LmuLtauZPrime} (the minimal gauged L<sub>μ</sub>−L<sub>τ</sub> boson,
 * invisible decays to ν<sub>μ</sub>ν̄<sub>μ</sub> and ν<sub>τ</sub>ν̄<sub>τ</sub> only),
 * {@link DarkSectorZPrime} (the same boson with an additional decay to a Dirac dark-matter pair
 * χχ̄ of given mass and coupling) and {@link DarkDominatedZPrime} (the limit in which Z′ → χχ̄
 * dominates, BR<sub>inv</sub> = 1). Implementations are immutable and thread-safe.
 */
public sealed interface ZPrimeModel permits LmuLtauZPrime, DarkSectorZPrime, DarkDominatedZPrime {

    /** @return a short identifier of the model, e.g. {@code "lmu-ltau"} */
    String name();

    /**
     * Branching fraction of the Z′ into invisible final states (neutrinos and, where present, dark
     * matter).
     *
     * @param mass Z′ mass in GeV, finite and &gt; 0
     * @param gPrime the L<sub>μ</sub>−L<sub>τ</sub> gauge coupling g′, finite and &gt; 0
     * @return BR(Z′ → invisible) in [0, 1]
     * @throws org.recoil.core.InvalidInputException if the mass or coupling is out of range
     */
    double brInvisible(double mass, double gPrime);

    /** @return the minimal L<sub>μ</sub>−L<sub>τ</sub> model */
    static ZPrimeModel lmuLtau() {
        return LmuLtauZPrime.INSTANCE;
    }

    /** @return the dark-sector limit with BR(Z′ → invisible) = 1 */
    static ZPrimeModel darkDominated() {
        return DarkDominatedZPrime.INSTANCE;
    }

    /**
     * @param chiMass dark-matter (Dirac fermion) mass in GeV, finite and &ge; 0
     * @param gChi the Z′ coupling to χ, finite and &ge; 0
     * @return the L<sub>μ</sub>−L<sub>τ</sub> model with an additional Z′ → χχ̄ channel
     */
    static ZPrimeModel dark(double chiMass, double gChi) {
        return new DarkSectorZPrime(chiMass, gChi);
    }
}
