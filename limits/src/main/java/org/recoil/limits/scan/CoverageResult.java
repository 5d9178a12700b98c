package org.recoil.limits.scan;

/**
 * The bias and coverage of one mass point's fit and upper limit over pseudo-experiments
 * ({@link CoverageStudy}).
 *
 * @param mass the Z′ mass, GeV
 * @param muTrue the signal strength the pseudo-experiments were generated with
 * @param method the limit method
 * @param cl the confidence (credibility) level of the upper limits
 * @param toys pseudo-experiments run
 * @param failed pseudo-experiments whose limit failed (excluded from everything)
 * @param pullsUndefined successful pseudo-experiments without a pull: μ̂ at the lowest allowed value
 *                       (e.g. no event observed), where the error of μ̂ is not defined (excluded from the pulls)
 * @param pullMean mean of the pulls (μ̂ − μ<sub>true</sub>)/σ(μ̂) over the pseudo-experiments that have one
 * @param pullMeanError its statistical error, width/√N
 * @param pullWidth standard deviation of the pulls (1 for an unbiased, correctly estimated error)
 * @param coverage fraction of successful pseudo-experiments whose upper limit is ≥ μ<sub>true</sub>
 * @param coverageError its binomial error √(c(1 − c)/N)
 * @param medianUpperLimit median upper limit on μ
 */
public record CoverageResult(double mass, double muTrue, String method, double cl, int toys, int failed, int pullsUndefined,
                             double pullMean, double pullMeanError, double pullWidth, double coverage,
                             double coverageError, double medianUpperLimit) {

    /** @return the fraction of pseudo-experiments whose fit or limit failed */
    public double failedFraction() {
        return failed / (double) toys;
    }
}
