package org.recoil.limits.diagnostics;

/**
 * The saturated-model goodness of fit of a fit.
 *
 * @param statistic −2 ln λ_sat of the data: −2 ln L at the best fit minus −2 ln L of the saturated model
 * @param dof degrees of freedom of its asymptotic χ² distribution: main bins + constraint terms of the free
 *            constrained parameters − free parameters (= main bins − free unconstrained parameters)
 * @param pAsymptotic P(χ²_dof ≥ statistic) (the regularised upper incomplete gamma function Q(dof/2, t/2)), NaN for dof ≤ 0
 * @param toys number of toys (0 if no toys were run)
 * @param pToys fraction of toys with a statistic at least as large as the data's (NaN without toys)
 * @param toyStatistics the toys' statistics, in toy order (empty without toys)
 */
public record GoodnessOfFitResult(double statistic, int dof, double pAsymptotic, int toys, double pToys,
                                  double[] toyStatistics) {

    /** Copies the array. */
    public GoodnessOfFitResult {
        toyStatistics = toyStatistics.clone();
    }

    @Override
    public double[] toyStatistics() {
        return toyStatistics.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GoodnessOfFitResult g && Double.compare(statistic, g.statistic) == 0 && dof == g.dof
                && java.util.Arrays.equals(toyStatistics, g.toyStatistics);
    }

    @Override
    public int hashCode() {
        return Double.hashCode(statistic) * 31 + dof;
    }

    @Override
    public String toString() {
        return "GoodnessOfFit[t=" + statistic + ", dof=" + dof + ", p=" + pAsymptotic + ", toys=" + toys + ", p_toys="
                + pToys + "]";
    }
}
