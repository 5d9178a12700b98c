package org.recoil.limits.interval;

import java.util.List;
import org.recoil.limits.calc.ExpectedBand;
import org.recoil.limits.calc.HypoTestResult;

/**
 * A CLs upper limit on the parameter of interest, observed and expected.
 *
 * @param cl confidence level, e.g. 0.90
 * @param method the calculator used ({@code asymptotic}, {@code toys})
 * @param observed observed upper limit: the smallest μ with CLs(μ) = 1 − cl
 * @param expected expected upper limits under the background-only hypothesis: the crossings of
 *                 the −2σ ... +2σ expected CLs curves, ascending (2.275%, 15.87%, 50%, 84.13%,
 *                 97.725% quantiles of the limit)
 * @param scan every hypothesis test computed during the search, ascending in μ (for Brazil-band
 *             plots and diagnostics)
 * @param searchUpperBound the upper end of the bracket used; larger than the POI upper bound when
 *                         the bracket had to be widened
 * @param warnings conditions that make the result less reliable (few events, widened bracket, ...)
 */
public record UpperLimitResult(double cl, String method, double observed, ExpectedBand expected,
                               List<HypoTestResult> scan, double searchUpperBound, List<String> warnings) {

    /** Copies the lists. */
    public UpperLimitResult {
        scan = List.copyOf(scan);
        warnings = List.copyOf(warnings);
    }
}
