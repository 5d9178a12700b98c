package org.recoil.fitting.model;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * −2 ln Pois(n | ν) split into two parts that are each computed with full relative precision:
 * <pre>
 *   −2 ln Pois(n | ν) = D(n, ν) + S(n),
 *   D(n, ν) = 2 [ν − n + n ln(n/ν)]           (the deviance, ≥ 0, 0 at ν = n)
 *   S(n)    = 2 [ln Γ(n+1) − n ln n + n]      (the saturated model's −2 ln L, ≈ ln(2πn) + 1/(6n))
 * </pre>
 * (McCullagh and Nelder, "Generalized Linear Models", 2nd ed., Sec. 2.3 and 6.2: the Poisson deviance;
 * Baker and Cousins, NIM 221 (1984) 437: the likelihood ratio to the saturated model). Written the usual
 * way, 2(ν − n ln ν) + 2 ln Γ(n+1), the two parts are each of order n ln n and cancel: for an auxiliary
 * count n ≈ 2·10¹¹ every digit below 10⁻³ is lost. Here D is computed as 2n h((ν − n)/n) with
 * h(x) = x − ln(1 + x) (a series near 0) and S from Stirling's series for large n, so both keep their
 * relative precision whatever n.
 */
public final class PoissonDeviance {
    private static final double LN_2PI = Math.log(2 * Math.PI);
    /** Below this count S(n) is computed from ln Γ directly (no cancellation there). */
    private static final double STIRLING_FROM = 30;

    private PoissonDeviance() {
    }

    /**
     * @param n the count (≥ 0, need not be an integer)
     * @param nu the expectation (&gt; 0)
     * @return D(n, ν) = 2 [ν − n + n ln(n/ν)]
     */
    public static double deviance(double n, double nu) {
        if (n == 0) {
            return 2 * nu;
        }
        double x = (nu - n) / n;
        return 2 * n * xMinusLog1p(x);
    }

    /**
     * @param n the count (≥ 0)
     * @return S(n) = 2 [ln Γ(n+1) − n ln n + n], the −2 ln L of the saturated model (ν = n); 0 at n = 0
     */
    public static double saturatedTwiceNll(double n) {
        if (n == 0) {
            return 0;
        }
        if (n < STIRLING_FROM) {
            return 2 * (LogGamma.value(n + 1) - n * Math.log(n) + n);
        }
        // ln Γ(n+1) = ln n + ln Γ(n), Stirling: ln Γ(n) = (n − ½) ln n − n + ½ ln 2π + Σ B_2k/(2k(2k−1) n^(2k−1))
        double r = 1 / n;
        double r2 = r * r;
        double series = r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680 - r2 / 1188))));
        return Math.log(n) + LN_2PI + 2 * series;
    }

    /** h(x) = x − ln(1 + x) for x &gt; −1, without cancellation near 0. */
    static double xMinusLog1p(double x) {
        if (Math.abs(x) < 0.01) {
            // Σ_{k≥2} (−1)^k x^k / k, to x^9 (truncation below 1e-17 relative)
            return x * x * (0.5 - x * (1.0 / 3 - x * (0.25 - x * (0.2 - x * (1.0 / 6 - x * (1.0 / 7
                    - x * (0.125 - x / 9)))))));
        }
        return x - Math.log1p(x);
    }
}
