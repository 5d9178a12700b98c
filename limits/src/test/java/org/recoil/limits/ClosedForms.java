package org.recoil.limits;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.PoissonDistribution;

/** Independent closed forms of one Poisson bin with known background, for tests. */
public final class ClosedForms {

    private static final NormalDistribution N01 = NormalDistribution.of(0, 1);

    private ClosedForms() {
    }

    private static double nll2(double nu, double n) {
        return 2 * (nu - (n == 0 ? 0 : n * Math.log(nu)));
    }

    /**
     * Asymptotic q~ CLs for one bin (signal s per unit mu, known background b, n observed).
     *
     * @param band -1 for the observed CLs, 0..4 for the expected band entry
     * @return CLs
     */
    public static double asymptoticCls(double s, double b, double n, double mu, int band) {
        double muHat = Math.max(0, (n - b) / s);
        double q = muHat > mu ? 0 : Math.max(0, nll2(mu * s + b, n) - nll2(muHat * s + b, n));
        double qA = nll2(mu * s + b, b) - nll2(b, b);
        double sq = Math.sqrt(q);
        double sqA = Math.sqrt(qA);
        if (band >= 0) {
            int nsig = 2 - band;
            return N01.cumulativeProbability(-(nsig + sqA)) / N01.cumulativeProbability(-nsig);
        }
        double clsb;
        double clb;
        if (sq <= sqA) {
            clsb = 1 - N01.cumulativeProbability(sq);
            clb = N01.cumulativeProbability(sqA - sq);
        } else {
            clsb = 1 - N01.cumulativeProbability((q + qA) / (2 * sqA));
            clb = 1 - N01.cumulativeProbability((q - qA) / (2 * sqA));
        }
        return clsb / clb;
    }

    /** Bisection of asymptoticCls(mu) = alpha on [1e-9, hi]. */
    public static double asymptoticLimit(double s, double b, double n, double alpha, int band) {
        double lo = 1e-9;
        double hi = 1;
        while (asymptoticCls(s, b, n, hi, band) > alpha) {
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (asymptoticCls(s, b, n, mid, band) > alpha) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /**
     * Classical CLs / flat-prior Bayesian limit on the signal mean of one bin with known background:
     * P(N <= n | s + b) / P(N <= n | b) = 1 - cl, solved by bisection (Helene 1983).
     */
    public static double countingLimit(int n, double b, double cl) {
        double pb = b > 0 ? PoissonDistribution.of(b).cumulativeProbability(n) : 1.0;
        double lo = 0;
        double hi = 1;
        while (PoissonDistribution.of(hi + b).cumulativeProbability(n) / pb > 1 - cl) {
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = 0.5 * (lo + hi);
            if (PoissonDistribution.of(mid + b).cumulativeProbability(n) / pb > 1 - cl) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }
}
