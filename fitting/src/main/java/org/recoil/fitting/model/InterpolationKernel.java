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
