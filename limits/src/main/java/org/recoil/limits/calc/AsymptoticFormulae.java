package org.recoil.limits.calc;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.recoil.limits.teststat.ProfileLikelihoodStatistic;

/**
 * The asymptotic (Wald) distributions of q<sub>μ</sub> and q̃<sub>μ</sub> of Cowan, Cranmer, Gross,
 * Vitells, arXiv:1007.1727, with the non-centrality taken from the Asimov dataset,
 * (μ − μ′)/σ = √q<sub>μ,A</sub> (Eq. (29)) for the background-only Asimov data (μ′ = 0).
 *
 * <ul>
 *   <li>q<sub>μ</sub> (Sec. 3.6): F(q<sub>μ</sub> | μ′) = Φ(√q<sub>μ</sub> − (μ − μ′)/σ) (Eq. (57)),
 *       so CLs+b = 1 − Φ(√q<sub>μ</sub>) (Eq. (59)) and CLb = 1 − F(q<sub>μ</sub> | 0)
 *       = Φ(√q<sub>μ,A</sub> − √q<sub>μ</sub>);</li>
 *   <li>q̃<sub>μ</sub> (Sec. 3.7): the same for q̃<sub>μ</sub> ≤ q<sub>μ,A</sub>; above it
 *       F(q̃<sub>μ</sub> | μ′) = Φ((q̃<sub>μ</sub> − (μ² − 2μμ′)/σ²) / (2μ/σ)), so
 *       CLs+b = Φ(−(q̃<sub>μ</sub> + q<sub>μ,A</sub>) / (2√q<sub>μ,A</sub>)) and
 *       CLb = Φ(−(q̃<sub>μ</sub> − q<sub>μ,A</sub>) / (2√q<sub>μ,A</sub>)).</li>
 * </ul>
 * Both are p-values in the "−μ̂/σ space" that pyhf (0.7) and ROOT use: with t the observed
 * statistic mapped to that space, CLs+b = Φ(−(t + √q<sub>μ,A</sub>)) and CLb = Φ(−t). The expected
 * band puts t at the background-only quantiles t = N ∈ {2, 1, 0, −1, −2}:
 * CLs(N) = Φ(−(N + √q<sub>μ,A</sub>)) / Φ(−N), ascending in CLs.
 */
public final class AsymptoticFormulae {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private AsymptoticFormulae() {
    }

    /**
     * The observed statistic mapped to the −μ̂/σ space, where it is N(0, 1) under the
     * background-only hypothesis and N(−√q<sub>μ,A</sub>, 1) under μ.
     *
     * @param statistic {@link ProfileLikelihoodStatistic#Q_MU} or {@link ProfileLikelihoodStatistic#Q_MU_TILDE}
     * @param q observed statistic
     * @param qAsimov statistic on the background-only Asimov data, &gt; 0
     * @return t
     */
    public static double standardised(ProfileLikelihoodStatistic statistic, double q, double qAsimov) {
        double sq = Math.sqrt(q);
        double sqA = Math.sqrt(qAsimov);
        return switch (statistic) {
            case Q_MU -> sq - sqA;
            case Q_MU_TILDE -> sq <= sqA || sqA == 0 ? sq - sqA : (q - qAsimov) / (2 * sqA);
            default -> throw new IllegalArgumentException("no asymptotic CLs formula for " + statistic
                    + "; use qtilde or q (or toys)");
        };
    }

    /**
     * CLs+b, CLb and CLs of a standardised statistic.
     *
     * @param t statistic in the −μ̂/σ space
     * @param sqrtQAsimov √q<sub>μ,A</sub>
     * @return {CLs+b, CLb, CLs}; CLs = 0 when both p-values underflow (t beyond ~38: the
     *         hypothesis is excluded at any level) and CLs = 1 when q<sub>μ,A</sub> = 0
     */
    public static double[] pValues(double t, double sqrtQAsimov) {
        double clsb = STANDARD_NORMAL.cumulativeProbability(-(t + sqrtQAsimov));
        double clb = STANDARD_NORMAL.cumulativeProbability(-t);
        double cls;
        if (sqrtQAsimov == 0) {
            cls = 1.0;
        } else if (clb == 0) {
            cls = 0.0;
        } else {
            cls = clsb / clb;
        }
        return new double[] {clsb, clb, cls};
    }

    /**
     * The expected CLs band: CLs at t = 2, 1, 0, −1, −2 (ascending).
     *
     * @param sqrtQAsimov √q<sub>μ,A</sub>
     * @return the band
     */
    public static ExpectedBand expectedCls(double sqrtQAsimov) {
        double[] v = new double[ExpectedBand.SIZE];
        for (int k = 0; k < v.length; k++) {
            v[k] = pValues(-ExpectedBand.sigma(k), sqrtQAsimov)[2];
        }
        return ExpectedBand.of(v);
    }

    /**
     * Standard normal cumulative distribution Φ(x).
     *
     * @param x argument
     * @return Φ(x)
     */
    public static double phi(double x) {
        return STANDARD_NORMAL.cumulativeProbability(x);
    }
}
