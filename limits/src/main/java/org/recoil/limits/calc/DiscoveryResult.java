package org.recoil.limits.calc;

import java.util.List;
import java.util.Optional;
import org.recoil.fitting.fit.FitResult;

/**
 * The result of a discovery test: the p-value of the background-only hypothesis μ = 0 with the
 * statistic q<sub>0</sub> of Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727, Eq. (12), and its
 * significance Z = Φ<sup>−1</sup>(1 − p<sub>0</sub>) (Eq. (2)).
 *
 * @param p0 observed p<sub>0</sub> = P(q<sub>0</sub> ≥ q<sub>0,obs</sub> | μ = 0)
 * @param z observed significance Φ<sup>−1</sup>(1 − p<sub>0</sub>); +∞ when no background-only toy
 *          reaches the observed value (p<sub>0</sub> = 0, with a warning)
 * @param q0 the observed q<sub>0</sub>
 * @param muHat the best-fit POI value μ̂ of the data
 * @param p0Expected expected p<sub>0</sub> under the signal hypothesis μ = 1 at its +2σ, +1σ, median,
 *                   −1σ, −2σ fluctuations, ascending in p<sub>0</sub> (the order pyhf 0.7 returns
 *                   from {@code hypotest(0, ..., test_stat="q0", return_expected_set=True)})
 * @param zExpectedAsimov median expected significance for μ = 1 from the Asimov dataset,
 *                        √q<sub>0,A</sub> (Eq. (29) with μ′ = 1, Sec. 3.2)
 * @param calculator {@code asymptotic} or {@code toys}
 * @param freeFit free fit of the data (μ̂, θ̂)
 * @param backgroundFit conditional fit of the data at μ = 0 (θ̂̂(0))
 * @param toys toy counts and the statistical error of p<sub>0</sub> (empty for the asymptotic calculator)
 * @param warnings conditions that make the result less reliable
 */
public record DiscoveryResult(double p0, double z, double q0, double muHat, ExpectedBand p0Expected, double zExpectedAsimov,
                              String calculator, FitResult freeFit, FitResult backgroundFit,
                              Optional<ToyDetails> toys, List<String> warnings) {

    /** Copies the warning list. */
    public DiscoveryResult {
        warnings = List.copyOf(warnings);
    }

    /**
     * Toy counts and the binomial error of p<sub>0</sub>, σ(p<sub>0</sub>) = √(p<sub>0</sub>(1 − p<sub>0</sub>)/N).
     *
     * @param backgroundToys successful background-only (μ = 0) toys, from which p<sub>0</sub> is counted
     * @param signalToys successful signal (μ = 1) toys, from which the expected band is formed
     * @param backgroundFailed background-only toys whose fits failed (excluded)
     * @param signalFailed signal toys whose fits failed (excluded)
     * @param p0Error statistical error of p<sub>0</sub>
     */
    public record ToyDetails(int backgroundToys, int signalToys, int backgroundFailed, int signalFailed,
                             double p0Error) {
    }
}
