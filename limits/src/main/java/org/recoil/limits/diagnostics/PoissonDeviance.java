package org.recoil.limits.diagnostics;

/** The Poisson deviance 2(ν − n + n ln(n/ν)) of a count n against a mean ν (0 ln 0 = 0). */
final class PoissonDeviance {
    private PoissonDeviance() {
    }

    /**
     * @param n the count (may be non-integer)
     * @param nu the mean
     * @return −2 ln [Pois(n | ν) / Pois(n | n)]; +∞ for ν = 0 &lt; n
     */
    static double of(double n, double nu) {
        if (n <= 0) {
            return 2 * nu;
        }
        if (nu <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        // n ln(n/ν) − (n − ν) written with log1p for precision when ν ≈ n
        double r = (nu - n) / n;
        return 2 * n * (r - Math.log1p(r));
    }
}
