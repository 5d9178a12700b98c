package org.recoil.limits.calc;

import java.util.List;
import java.util.Optional;
import org.recoil.fitting.fit.FitResult;

/**
 * The result of a CLs hypothesis test at one value of the parameter of interest.
 *
 * @param mu hypothesised POI value
 * @param cls CLs = CLs+b / CLb (Read, J. Phys. G 28 (2002) 2693)
 * @param clsb CLs+b: p-value of the signal-plus-background hypothesis, P(T ≥ t<sub>obs</sub> | μ)
 * @param clb CLb: P(T ≥ t<sub>obs</sub> | 0), the background-only tail beyond the observed value
 *            (pyhf's convention, i.e. 1 − p<sub>b</sub>)
 * @param clsExpected expected CLs band under the background-only hypothesis, ascending
 * @param testStatistic id of the test statistic ({@code qtilde}, {@code q}, {@code event_count}, ...)
 * @param testStatisticValue its observed value
 * @param conditionalFit conditional fit of the data at {@code mu} (empty when the statistic needs no fit)
 * @param freeFit free fit of the data (empty when the statistic needs no fit)
 * @param calculator name of the calculator ({@code asymptotic} or {@code toys})
 * @param asymptotic details of the asymptotic calculation (empty for toys)
 * @param toys details of the toy calculation (empty for the asymptotic calculator)
 * @param warnings conditions that make the result less reliable (e.g. few events for asymptotics)
 */
public record HypoTestResult(double mu, double cls, double clsb, double clb, ExpectedBand clsExpected,
                             String testStatistic, double testStatisticValue,
                             Optional<FitResult> conditionalFit, Optional<FitResult> freeFit,
                             String calculator, Optional<AsymptoticDetails> asymptotic,
                             Optional<ToyDetails> toys, List<String> warnings) {

    /** Copies the warning list. */
    public HypoTestResult {
        warnings = List.copyOf(warnings);
    }

    /**
     * Quantities of the asymptotic calculation (Cowan et al., arXiv:1007.1727, Sec. 3.2).
     *
     * @param testStatisticAsimov the test statistic on the background-only Asimov dataset, q<sub>μ,A</sub>
     * @param sigma σ of μ̂ from the Asimov dataset, σ = μ / √q<sub>μ,A</sub> (Sec. 3.2, with Eq. (29):
     *              μ/σ = √q<sub>μ,A</sub> for Asimov data at μ′ = 0);
     *              +∞ when q<sub>μ,A</sub> = 0
     * @param conditionalFitAsimov conditional fit of the Asimov dataset at μ
     */
    public record AsymptoticDetails(double testStatisticAsimov, double sigma, FitResult conditionalFitAsimov) {
    }

    /**
     * Toy counts and the binomial statistical errors of the p-values,
     * σ(p) = √(p(1 − p)/N), propagated to CLs as
     * σ(CLs) = CLs √((σ(CLs+b)/CLs+b)² + (σ(CLb)/CLb)²); when no signal-plus-background toy reaches
     * the observed value (CLs+b = 0) σ(CLs) is the one-toy resolution (1/N)/CLb.
     *
     * @param signalToys successful signal-plus-background toys
     * @param backgroundToys successful background-only toys
     * @param signalFailed signal-plus-background toys whose fits failed (excluded)
     * @param backgroundFailed background-only toys whose fits failed (excluded)
     * @param clsError statistical error of CLs
     * @param clsbError statistical error of CLs+b
     * @param clbError statistical error of CLb
     */
    public record ToyDetails(int signalToys, int backgroundToys, int signalFailed, int backgroundFailed,
                             double clsError, double clsbError, double clbError) {
    }
}
