package org.recoil.limits.calc;

import org.recoil.fitting.model.StatModel;

/**
 * Computes CLs+b, CLb, CLs and the expected CLs band for a hypothesised value of the parameter of
 * interest (Read, J. Phys. G 28 (2002) 2693; Junk, NIM A 434 (1999) 435). Calculators (asymptotic,
 * toys) are separate from the questions asked of them (hypothesis test, upper limit): any
 * {@link org.recoil.limits.interval.UpperLimit} search works with any calculator.
 * Implementations are thread-safe.
 */
public interface HypoTestCalculator {

    /**
     * @param mu hypothesised POI value (may exceed the POI upper bound: the conditional fits then
     *           widen it, as pyhf's upper-limit search does)
     * @return the test result
     * @throws org.recoil.core.ComputationException if a required fit fails or the p-values cannot be
     *         computed
     */
    HypoTestResult hypotest(double mu);

    /** @return the model tested */
    StatModel model();

    /** @return short name of the method, e.g. {@code asymptotic} or {@code toys} */
    String name();
}
