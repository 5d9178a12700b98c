package org.recoil.core.physics;

/**
 * Partial decay widths of a Z′ at one mass and coupling, in GeV.
 *
 * @param muMu Γ(Z′ → μ⁺μ⁻)
 * @param tauTau Γ(Z′ → τ⁺τ⁻)
 * @param nuMuNuMu Γ(Z′ → ν<sub>μ</sub>ν̄<sub>μ</sub>)
 * @param nuTauNuTau Γ(Z′ → ν<sub>τ</sub>ν̄<sub>τ</sub>)
 * @param chiChi Γ(Z′ → χχ̄), zero in the minimal L<sub>μ</sub>−L<sub>τ</sub> model
 */
public record PartialWidths(double muMu, double tauTau, double nuMuNuMu, double nuTauNuTau, double chiChi) {

    /** Checks that every width is finite and &ge; 0. */
    public PartialWidths {
        check("muMu", muMu);
        check("tauTau", tauTau);
        check("nuMuNuMu", nuMuNuMu);
        check("nuTauNuTau", nuTauNuTau);
        check("chiChi", chiChi);
    }

    private static void check(String name, double width) {
        if (!(width >= 0.0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("partial width " + name + " must be finite and >= 0, got " + width);
        }
    }

    /** @return the total width Γ<sub>tot</sub>, the sum of all partial widths, in GeV */
    public double total() {
        return muMu + tauTau + nuMuNuMu + nuTauNuTau + chiChi;
    }

    /** @return the invisible width Γ(νν̄) + Γ(χχ̄), in GeV */
    public double invisible() {
        return nuMuNuMu + nuTauNuTau + chiChi;
    }

    /**
     * @return BR(Z′ → invisible) = Γ<sub>inv</sub>/Γ<sub>tot</sub>
     * @throws IllegalStateException if every width is zero (the ratio is undefined)
     */
    public double brInvisible() {
        return invisible() / nonZeroTotal();
    }

    /** @return BR(Z′ → μ⁺μ⁻) */
    public double brMuMu() {
        return muMu / nonZeroTotal();
    }

    /** @return BR(Z′ → τ⁺τ⁻) */
    public double brTauTau() {
        return tauTau / nonZeroTotal();
    }

    private double nonZeroTotal() {
        double total = total();
        if (total <= 0.0) {
            throw new IllegalStateException("all partial widths are zero: branching fractions are undefined");
        }
        return total;
    }
}
