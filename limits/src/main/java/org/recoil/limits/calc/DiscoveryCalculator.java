package org.recoil.limits.calc;

import org.recoil.fitting.model.StatModel;

/**
 * Answers the discovery question "is there a signal?": the p-value p<sub>0</sub> of the
 * background-only hypothesis μ = 0 with the one-sided statistic q<sub>0</sub> (Cowan, Cranmer, Gross,
 * Vitells, arXiv:1007.1727, Eq. (12)), and the significance expected for μ = 1. Implemented from the
 * asymptotic formulae ({@link AsymptoticDiscoveryCalculator}) and from pseudo-experiments
 * ({@link ToyDiscoveryCalculator}), beside the CLs calculators of {@link HypoTestCalculator}.
 * Implementations are thread-safe.
 */
public interface DiscoveryCalculator {

    /**
     * @return the discovery test of the calculator's data
     * @throws org.recoil.core.ComputationException if a required fit fails or p<sub>0</sub> cannot be computed
     */
    DiscoveryResult discovery();

    /** @return the model tested */
    StatModel model();

    /** @return short name of the method: {@code asymptotic} or {@code toys} */
    String name();
}
