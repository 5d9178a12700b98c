package org.recoil.fitting.model;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * pyhf's −2 ln L written the plain way, Σ 2(ν − n ln ν + ln Γ(n+1)) + Σ 2(τγ − a ln(τγ) + ln Γ(a+1)) +
 * Σ [(θ − aux)²/σ² + ln(2πσ²)], evaluated in 50-digit decimal arithmetic (tests only): an evaluation
 * independent of {@link PoissonDeviance} that has no cancellation problem.
 */
final class HighPrecisionTwiceNll {
    static final MathContext MC = new MathContext(50);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal PI = new BigDecimal("3.14159265358979323846264338327950288419716939937510");
    private static final BigDecimal LN2 = lnSeries(TWO);
    /** B_2k / (2k (2k − 1)), k = 1..8 */
    private static final BigDecimal[] STIRLING = {
        ratio(1, 12), ratio(-1, 360), ratio(1, 1260), ratio(-1, 1680), ratio(1, 1188), ratio(-691, 360360),
        ratio(1, 156), ratio(-3617, 122400)};

    private HighPrecisionTwiceNll() {
    }

    static BigDecimal of(HistFactoryModel m, double[] x, Data data) {
        double[] nu = m.expectedMain(x);
        double[] n = data.main();
        double[] aux = data.aux();
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < nu.length; i++) {
            sum = sum.add(poissonTerm(n[i], new BigDecimal(nu[i])), MC);
        }
        for (int j = 0; j < m.pParam.length; j++) {
            BigDecimal rate = new BigDecimal(x[m.pParam[j]]).multiply(new BigDecimal(m.pTau[j]), MC);
            sum = sum.add(poissonTerm(aux[m.pAux[j]], rate), MC);
        }
        for (int j = 0; j < m.gParam.length; j++) {
            BigDecimal sigma2 = BigDecimal.ONE.divide(new BigDecimal(m.gInvVar[j]), MC);
            BigDecimal d = new BigDecimal(x[m.gParam[j]]).subtract(new BigDecimal(aux[m.gAux[j]]), MC);
            sum = sum.add(d.multiply(d, MC).divide(sigma2, MC), MC)
                    .add(ln(TWO.multiply(PI, MC).multiply(sigma2, MC)), MC);
        }
        return sum;
    }

    /** 2(ν − n ln ν + ln Γ(n+1)) */
    private static BigDecimal poissonTerm(double count, BigDecimal nu) {
        BigDecimal n = new BigDecimal(count);
        BigDecimal t = nu;
        if (count > 0) {
            t = t.subtract(n.multiply(ln(nu), MC), MC).add(lnGamma(n.add(BigDecimal.ONE)), MC);
        }
        return TWO.multiply(t, MC);
    }

    /** ln Γ(z), z &gt; 0: Stirling's series after shifting z above 40. */
    static BigDecimal lnGamma(BigDecimal z) {
        BigDecimal shift = BigDecimal.ZERO;
        BigDecimal forty = BigDecimal.valueOf(40);
        while (z.compareTo(forty) < 0) {
            shift = shift.add(ln(z), MC);
            z = z.add(BigDecimal.ONE);
        }
        BigDecimal half = new BigDecimal("0.5");
        BigDecimal r = z.subtract(half).multiply(ln(z), MC).subtract(z, MC)
                .add(half.multiply(ln(TWO.multiply(PI, MC)), MC), MC);
        BigDecimal inv = BigDecimal.ONE.divide(z, MC);
        BigDecimal inv2 = inv.multiply(inv, MC);
        BigDecimal p = inv;
        for (BigDecimal c : STIRLING) {
            r = r.add(c.multiply(p, MC), MC);
            p = p.multiply(inv2, MC);
        }
        return r.subtract(shift, MC);
    }

    /** ln x, x &gt; 0: x = m 2^k with m in [1/2, 2), ln m by the atanh series. */
    static BigDecimal ln(BigDecimal x) {
        int k = Math.getExponent(x.doubleValue());
        BigDecimal m = k >= 0 ? x.divide(TWO.pow(k), MC) : x.multiply(TWO.pow(-k), MC);
        return lnSeries(m).add(LN2 == null ? BigDecimal.ZERO : LN2.multiply(BigDecimal.valueOf(k), MC), MC);
    }

    /** ln m = 2 Σ z^(2j+1)/(2j+1), z = (m − 1)/(m + 1). */
    private static BigDecimal lnSeries(BigDecimal m) {
        BigDecimal z = m.subtract(BigDecimal.ONE).divide(m.add(BigDecimal.ONE), MC);
        BigDecimal z2 = z.multiply(z, MC);
        BigDecimal term = z;
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal eps = new BigDecimal("1e-55");
        for (int j = 0; j < 500 && term.abs().compareTo(eps) > 0; j++) {
            sum = sum.add(term.divide(BigDecimal.valueOf(2L * j + 1), MC), MC);
            term = term.multiply(z2, MC);
        }
        return TWO.multiply(sum, MC);
    }

    private static BigDecimal ratio(long a, long b) {
        return BigDecimal.valueOf(a).divide(BigDecimal.valueOf(b), MC);
    }
}
