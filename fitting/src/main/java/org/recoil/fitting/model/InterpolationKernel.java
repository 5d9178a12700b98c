package org.recoil.fitting.model;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.recoil.core.InvalidInputException;

/**
 * Fast vectorised evaluation of one {@link InterpolationCode} over many (down, nominal, up) triples:
 * the coefficients of every triple are computed once, so that an evaluation at α costs a few
 * multiplications per triple and allocates nothing. Returns the shift v(α) − n and its derivative
 * with respect to α.
 */
final class InterpolationKernel {
    /** Stored numbers per triple. */
    private static final int STRIDE = 8;
    /**
     * Inverse of the 6×6 matching matrix of code 4 at α₀ = 1: rows are the conditions
     * p(±1) , p'(±1), p''(±1) on p(α) = Σ_{k=1..6} c_k α^k.
     */
    private static final double[][] CODE4_INVERSE = code4Inverse();

    private final InterpolationCode code;
    private final int size;
    private final double[] c;
    /** Code 4 only: c_1 .. c_6 of every triple. */
    private final double[] poly;

    /**
     * @param code the interpolation code
     * @param lo values at α = −1
     * @param nom nominal values
     * @param hi values at α = +1
     * @param names description of each triple for error messages (same length)
     */
    InterpolationKernel(InterpolationCode code, double[] lo, double[] nom, double[] hi, String[] names) {
        this.code = code;
        this.size = nom.length;
        this.c = new double[STRIDE * size];
        this.poly = code == InterpolationCode.CODE4 ? new double[6 * size] : null;
        for (int i = 0; i < size; i++) {
            int o = STRIDE * i;
            double l = lo[i];
            double n = nom[i];
            double h = hi[i];
            c[o] = n;
            switch (code) {
                case CODE0 -> {
                    c[o + 1] = h - n;
                    c[o + 2] = n - l;
                }
                case CODE2 -> {
                    double a = 0.5 * (h + l) - n;
                    double b = 0.5 * (h - l);
                    c[o + 1] = a;
                    c[o + 2] = b;
                    c[o + 3] = h - n;
                    c[o + 4] = l - n;
                }
                case CODE4P -> {
                    double up = h - n;
                    double dn = n - l;
                    c[o + 1] = up;
                    c[o + 2] = dn;
                    c[o + 3] = 0.5 * (up + dn);
                    c[o + 4] = 0.0625 * (up - dn);
                }
                case CODE1, CODE4 -> {
                    if (n == 0 && h == 0 && l == 0) {
                        break; // no effect at all: shift 0
                    }
                    if (!(n > 0 && h > 0 && l > 0)) {
                        throw new InvalidInputException(names[i] + ": interpolation " + code.label()
                                + " needs positive nominal, up and down values, got down=" + l + ", nominal=" + n
                                + ", up=" + h + " (use an additive code such as 4p)");
                    }
                    double lnUp = Math.log(h / n);
                    double lnDn = Math.log(l / n);
                    c[o + 1] = lnUp;
                    c[o + 2] = lnDn;
                    if (code == InterpolationCode.CODE4) {
                        double eu = h / n;
                        double ed = l / n;
                        double[] rhs = {eu - 1, ed - 1, lnUp * eu, -lnDn * ed, lnUp * lnUp * eu, lnDn * lnDn * ed};
                        for (int r = 0; r < 6; r++) {
                            double s = 0;
                            for (int k = 0; k < 6; k++) {
                                s += CODE4_INVERSE[r][k] * rhs[k];
                            }
                            poly[6 * i + r] = s;
                        }
                    }
                }
                default -> throw new IllegalStateException(code.toString());
            }
        }
    }

    /** @return number of triples */
    int size() {
        return size;
    }

    /** @return the code */
    InterpolationCode code() {
        return code;
    }

    /**
     * Shift v(α) − n of triple {@code i} and its α-derivative.
     *
     * @param alpha the nuisance parameter
     * @param i triple index
     * @param out {@code out[pos]} receives the shift, {@code out[pos + 1]} the derivative
     * @param pos where to write
     */
    void shift(double alpha, int i, double[] out, int pos) {
        int o = STRIDE * i;
        double n = c[o];
        switch (code) {
            case CODE0 -> {
                double slope = alpha >= 0 ? c[o + 1] : c[o + 2];
                out[pos] = alpha * slope;
                out[pos + 1] = slope;
            }
            case CODE2 -> {
                double a = c[o + 1];
                double b = c[o + 2];
                if (alpha > 1) {
                    out[pos] = (b + 2 * a) * (alpha - 1) + c[o + 3];
                    out[pos + 1] = b + 2 * a;
                } else if (alpha < -1) {
                    out[pos] = (b - 2 * a) * (alpha + 1) + c[o + 4];
                    out[pos + 1] = b - 2 * a;
                } else {
                    out[pos] = (a * alpha + b) * alpha;
                    out[pos + 1] = 2 * a * alpha + b;
                }
            }
            case CODE4P -> {
                if (alpha > 1) {
                    out[pos] = alpha * c[o + 1];
                    out[pos + 1] = c[o + 1];
                } else if (alpha < -1) {
                    out[pos] = alpha * c[o + 2];
                    out[pos + 1] = c[o + 2];
                } else {
                    double s = c[o + 3];
                    double a = c[o + 4];
                    double a2 = alpha * alpha;
                    out[pos] = alpha * (s + alpha * a * (15 + a2 * (3 * a2 - 10)));
                    out[pos + 1] = s + a * alpha * (30 + a2 * (18 * a2 - 40));
                }
            }
            case CODE1 -> {
                double ln = alpha >= 0 ? c[o + 1] : -c[o + 2];
                double e = Math.exp(alpha * ln);
                out[pos] = n * (e - 1);
                out[pos + 1] = n * e * ln;
            }
            case CODE4 -> {
                if (alpha >= 1 || alpha <= -1) {
                    double ln = alpha >= 1 ? c[o + 1] : -c[o + 2];
                    double e = Math.exp(alpha * ln);
                    out[pos] = n * (e - 1);
                    out[pos + 1] = n * e * ln;
                } else if (n == 0) {
                    out[pos] = 0;
                    out[pos + 1] = 0;
                } else {
                    int q = 6 * i;
                    double[] p = poly;
                    double v = p[q + 5];
                    double d = 6 * p[q + 5];
                    for (int k = 4; k >= 0; k--) {
                        v = v * alpha + p[q + k];
                        d = d * alpha + (k + 1) * p[q + k];
                    }
                    out[pos] = n * v * alpha;
                    out[pos + 1] = n * d;
                }
            }
            default -> throw new IllegalStateException(code.toString());
        }
    }

    /**
     * Second α-derivative of the shift of triple {@code i} (0 on the linear pieces and, for code 0, at its
     * kink; for codes 2 and 4p the one-sided value of the inner piece at α = ±1).
     *
     * @param alpha the nuisance parameter
     * @param i triple index
     * @return d²(v − n)/dα²
     */
    double curvature(double alpha, int i) {
        int o = STRIDE * i;
        double n = c[o];
        switch (code) {
            case CODE0:
                return 0;
            case CODE2:
                return alpha > 1 || alpha < -1 ? 0 : 2 * c[o + 1];
            case CODE4P:
                return c[o + 4] * basisCurvature(code, alpha);
            case CODE1: {
                double ln = alpha >= 0 ? c[o + 1] : -c[o + 2];
                return n * Math.exp(alpha * ln) * ln * ln;
            }
            case CODE4: {
                if (alpha >= 1 || alpha <= -1) {
                    double ln = alpha >= 1 ? c[o + 1] : -c[o + 2];
                    return n * Math.exp(alpha * ln) * ln * ln;
                }
                if (n == 0) {
                    return 0;
                }
                // shift = n Σ_{k=0..5} p_k α^(k+1): second derivative n Σ_{k=1..5} (k+1) k p_k α^(k−1)
                int q = 6 * i;
                double d2 = 30 * poly[q + 5];
                for (int k = 4; k >= 1; k--) {
                    d2 = d2 * alpha + (k + 1) * k * poly[q + k];
                }
                return n * d2;
            }
            default:
                throw new IllegalStateException(code.toString());
        }
    }

    /**
     * B''(α) of an additive code's basis function (see {@link #hasLinearBasis()}): 0 for code 0, 2 inside
     * [−1, 1] for code 2, 30 − 120α² + 90α⁴ inside for code 4p; 0 on the linear pieces.
     *
     * @param code code 0, 2 or 4p
     * @param alpha the nuisance parameter
     * @return B''(α)
     */
    static double basisCurvature(InterpolationCode code, double alpha) {
        if (alpha > 1 || alpha < -1) {
            return 0;
        }
        return switch (code) {
            case CODE0 -> 0;
            case CODE2 -> 2;
            case CODE4P -> {
                double a2 = alpha * alpha;
                yield 30 + a2 * (90 * a2 - 120);
            }
            default -> throw new IllegalStateException(code + " has no linear basis");
        };
    }

    /**
     * Whether the shifts are linear in two per-triple coefficients: v(α) − n = S α + A B(α) with one basis
     * function B shared by every triple. True for the additive codes:
     * <ul>
     *   <li>code 0: S = (h − l)/2, A = (h + l − 2n)/2, B = |α| (B' = +1 at α = 0, as the kernel's α ≥ 0 branch);</li>
     *   <li>code 2: S = (h − l)/2, A = (h + l)/2 − n, B = α² for |α| ≤ 1, 2|α| − 1 beyond;</li>
     *   <li>code 4p: S = (h − l)/2, A = (h + l − 2n)/16, B = α²(15 − 10α² + 3α⁴) for |α| ≤ 1, 8|α| beyond
     *       (pyhf's polynomial; B(±1) = 8 so that S ± 8A = h − n, n − l give the linear extrapolation).</li>
     * </ul>
     * A model can then evaluate B once per parameter instead of once per bin.
     *
     * @return whether {@link #basis}, {@link #linearCoefficient} and {@link #basisCoefficient} apply
     */
    boolean hasLinearBasis() {
        return code == InterpolationCode.CODE0 || code == InterpolationCode.CODE2 || code == InterpolationCode.CODE4P;
    }

    /** @return S of triple {@code i} (see {@link #hasLinearBasis()}) */
    double linearCoefficient(int i) {
        int o = STRIDE * i;
        return switch (code) {
            case CODE0 -> 0.5 * (c[o + 1] + c[o + 2]);
            case CODE2 -> c[o + 2];
            case CODE4P -> c[o + 3];
            default -> throw new IllegalStateException(code + " has no linear basis");
        };
    }

    /** @return A of triple {@code i} (see {@link #hasLinearBasis()}) */
    double basisCoefficient(int i) {
        int o = STRIDE * i;
        return switch (code) {
            case CODE0 -> 0.5 * (c[o + 1] - c[o + 2]);
            case CODE2 -> c[o + 1];
            case CODE4P -> c[o + 4];
            default -> throw new IllegalStateException(code + " has no linear basis");
        };
    }

    /**
     * The shared basis function of an additive code.
     *
     * @param code code 0, 2 or 4p
     * @param alpha the nuisance parameter
     * @param out receives B(α) in {@code out[0]} and B'(α) in {@code out[1]}
     */
    static void basis(InterpolationCode code, double alpha, double[] out) {
        switch (code) {
            case CODE0 -> {
                out[0] = Math.abs(alpha);
                out[1] = alpha >= 0 ? 1 : -1;
            }
            case CODE2 -> {
                if (alpha > 1) {
                    out[0] = 2 * alpha - 1;
                    out[1] = 2;
                } else if (alpha < -1) {
                    out[0] = -2 * alpha - 1;
                    out[1] = -2;
                } else {
                    out[0] = alpha * alpha;
                    out[1] = 2 * alpha;
                }
            }
            case CODE4P -> {
                if (alpha > 1) {
                    out[0] = 8 * alpha;
                    out[1] = 8;
                } else if (alpha < -1) {
                    out[0] = -8 * alpha;
                    out[1] = -8;
                } else {
                    double a2 = alpha * alpha;
                    out[0] = a2 * (15 + a2 * (3 * a2 - 10));
                    out[1] = alpha * (30 + a2 * (18 * a2 - 40));
                }
            }
            default -> throw new IllegalStateException(code + " has no linear basis");
        }
    }

    private static double[][] code4Inverse() {
        double a = 1.0;
        double[][] m = new double[6][6];
        for (int k = 1; k <= 6; k++) {
            m[0][k - 1] = Math.pow(a, k);
            m[1][k - 1] = Math.pow(-a, k);
            m[2][k - 1] = k * Math.pow(a, k - 1);
            m[3][k - 1] = k * Math.pow(-a, k - 1);
            m[4][k - 1] = k * (k - 1) * Math.pow(a, k - 2);
            m[5][k - 1] = k * (k - 1) * Math.pow(-a, k - 2);
        }
        RealMatrix inv = new LUDecomposition(MatrixUtils.createRealMatrix(m)).getSolver().getInverse();
        return inv.getData();
    }
}
