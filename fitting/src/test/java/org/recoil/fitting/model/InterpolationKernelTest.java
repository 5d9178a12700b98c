package org.recoil.fitting.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recoil.core.InvalidInputException;

/** Each fast kernel against a slow, obviously correct scalar evaluation of its definition. */
class InterpolationKernelTest {

    /** Slow reference: the defining formula of each code, written out for one (lo, nom, hi) and α. */
    static double slow(InterpolationCode code, double alpha, double lo, double nom, double hi) {
        switch (code) {
            case CODE0:
                return alpha >= 0 ? nom + alpha * (hi - nom) : nom + alpha * (nom - lo);
            case CODE1:
                return alpha >= 0 ? nom * Math.pow(hi / nom, alpha) : nom * Math.pow(lo / nom, -alpha);
            case CODE2: {
                // parabola through (−1, lo), (0, nom), (1, hi); beyond ±1 its tangent line
                double a = (hi + lo) / 2 - nom;
                double b = (hi - lo) / 2;
                if (alpha > 1) {
                    return hi + (2 * a + b) * (alpha - 1);
                } else if (alpha < -1) {
                    return lo + (b - 2 * a) * (alpha + 1);
                }
                return nom + a * alpha * alpha + b * alpha;
            }
            case CODE4P: {
                if (alpha > 1) {
                    return nom + alpha * (hi - nom);
                } else if (alpha < -1) {
                    return nom + alpha * (nom - lo);
                }
                double s = (hi - lo) / 2;
                double a = (hi + lo - 2 * nom) / 16;
                return nom + alpha * s + a * (15 * Math.pow(alpha, 2) - 10 * Math.pow(alpha, 4) + 3 * Math.pow(alpha, 6));
            }
            case CODE4: {
                double up = hi / nom;
                double dn = lo / nom;
                if (alpha >= 1) {
                    return nom * Math.pow(up, alpha);
                } else if (alpha <= -1) {
                    return nom * Math.pow(dn, -alpha);
                }
                // solve the 6 matching conditions for p(α) = Σ c_k α^k at ±1 directly, every call
                double[][] m = new double[6][6];
                double[] r = {up - 1, dn - 1, Math.log(up) * up, -Math.log(dn) * dn,
                    Math.pow(Math.log(up), 2) * up, Math.pow(Math.log(dn), 2) * dn};
                for (int k = 1; k <= 6; k++) {
                    m[0][k - 1] = 1;
                    m[1][k - 1] = Math.pow(-1, k);
                    m[2][k - 1] = k;
                    m[3][k - 1] = k * Math.pow(-1, k - 1);
                    m[4][k - 1] = k * (k - 1);
                    m[5][k - 1] = k * (k - 1) * Math.pow(-1, k - 2);
                }
                RealMatrix mat = MatrixUtils.createRealMatrix(m);
                RealVector c = new LUDecomposition(mat).getSolver().solve(MatrixUtils.createRealVector(r));
                double p = 0;
                for (int k = 1; k <= 6; k++) {
                    p += c.getEntry(k - 1) * Math.pow(alpha, k);
                }
                return nom * (1 + p);
            }
            default:
                throw new IllegalArgumentException();
        }
    }

    @ParameterizedTest
    @EnumSource(InterpolationCode.class)
    void fastKernelEqualsSlowDefinitionAndItsDerivative(InterpolationCode code) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12345L);
        int n = 50;
        double[] lo = new double[n];
        double[] nom = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            nom[i] = 1 + 100 * rng.nextDouble();
            hi[i] = nom[i] * (0.7 + 0.8 * rng.nextDouble());
            lo[i] = nom[i] * (0.6 + 0.8 * rng.nextDouble());
        }
        InterpolationKernel k = new InterpolationKernel(code, lo, nom, hi, new String[n]);
        double[] out = new double[2];
        for (int i = 0; i < n; i++) {
            for (double alpha : new double[] {-4.2, -1.5, -1, -0.999, -0.5, -1e-3, 0, 1e-3, 0.3, 0.999, 1, 1.7, 4.9}) {
                k.shift(alpha, i, out, 0);
                double expected = slow(code, alpha, lo[i], nom[i], hi[i]);
                assertEquals(expected - nom[i], out[0], 1e-10 * nom[i], code + " value at " + alpha);
                double h = 1e-6;
                double d = (slow(code, alpha + h, lo[i], nom[i], hi[i]) - slow(code, alpha - h, lo[i], nom[i], hi[i])) / (2 * h);
                if (Math.abs(Math.abs(alpha) - 1) > 2 * h && !(alpha == 0 && (code == InterpolationCode.CODE0
                        || code == InterpolationCode.CODE1))) {
                    assertEquals(d, out[1], 1e-6 * nom[i], code + " derivative at " + alpha);
                }
            }
            // defining points
            k.shift(1, i, out, 0);
            assertEquals(hi[i] - nom[i], out[0], 1e-10 * nom[i]);
            k.shift(-1, i, out, 0);
            assertEquals(lo[i] - nom[i], out[0], 1e-10 * nom[i]);
        }
    }

    private static InterpolationKernel randomKernel(InterpolationCode code, int n, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[] lo = new double[n];
        double[] nom = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < n; i++) {
            nom[i] = 1 + 100 * rng.nextDouble();
            hi[i] = nom[i] * (0.7 + 0.8 * rng.nextDouble());
            lo[i] = nom[i] * (0.6 + 0.8 * rng.nextDouble());
        }
        return new InterpolationKernel(code, lo, nom, hi, new String[n]);
    }

    private static final double[] ALPHAS = {-4.2, -1.5, -1.0001, -0.999, -0.5, -1e-3, 1e-3, 0.3, 0.999, 1.0001, 1.7, 4.9};

    /** Codes 0, 2, 4p: shift = S α + A B(α) with one basis function for all triples, as the model evaluates them. */
    @ParameterizedTest
    @EnumSource(value = InterpolationCode.class, names = {"CODE0", "CODE2", "CODE4P"})
    void additiveCodesAreLinearInTwoCoefficientsOfASharedBasis(InterpolationCode code) {
        InterpolationKernel k = randomKernel(code, 40, 777L);
        assertTrue(k.hasLinearBasis());
        double[] out = new double[2];
        double[] b = new double[2];
        for (int i = 0; i < k.size(); i++) {
            for (double alpha : ALPHAS) {
                k.shift(alpha, i, out, 0);
                InterpolationKernel.basis(code, alpha, b);
                double s = k.linearCoefficient(i);
                double a = k.basisCoefficient(i);
                assertEquals(out[0], s * alpha + a * b[0], 1e-12 * (1 + Math.abs(out[0])), code + " shift at " + alpha);
                assertEquals(out[1], s + a * b[1], 1e-12 * (1 + Math.abs(out[1])), code + " slope at " + alpha);
                double h = 1e-5;
                double[] bp = new double[2];
                double[] bm = new double[2];
                InterpolationKernel.basis(code, alpha + h, bp);
                InterpolationKernel.basis(code, alpha - h, bm);
                assertEquals((bp[1] - bm[1]) / (2 * h), InterpolationKernel.basisCurvature(code, alpha), 1e-5,
                        code + " basis curvature at " + alpha);
            }
        }
        assertFalse(randomKernel(InterpolationCode.CODE4, 1, 1L).hasLinearBasis());
        assertFalse(randomKernel(InterpolationCode.CODE1, 1, 1L).hasLinearBasis());
    }

    /** The analytic second derivative of every code against central differences of its analytic slope. */
    @ParameterizedTest
    @EnumSource(InterpolationCode.class)
    void curvatureIsTheDerivativeOfTheSlope(InterpolationCode code) {
        InterpolationKernel k = randomKernel(code, 40, 4242L);
        double[] up = new double[2];
        double[] dn = new double[2];
        for (int i = 0; i < k.size(); i++) {
            for (double alpha : ALPHAS) {
                double h = 1e-6;
                k.shift(alpha + h, i, up, 0);
                k.shift(alpha - h, i, dn, 0);
                double fd = (up[1] - dn[1]) / (2 * h);
                assertEquals(fd, k.curvature(alpha, i), 1e-6 * (1 + Math.abs(fd)) * 100, code + " curvature at " + alpha);
            }
        }
    }

    @Test
    void smoothCodesAreContinuouslyDifferentiableAtPlusMinusOne() {
        double[] out = new double[2];
        for (InterpolationCode code : new InterpolationCode[] {InterpolationCode.CODE2, InterpolationCode.CODE4,
            InterpolationCode.CODE4P}) {
            InterpolationKernel k = new InterpolationKernel(code, new double[] {7}, new double[] {10}, new double[] {14},
                    new String[1]);
            for (double edge : new double[] {-1, 1}) {
                k.shift(edge - 1e-9, 0, out, 0);
                double v1 = out[0];
                double d1 = out[1];
                k.shift(edge + 1e-9, 0, out, 0);
                assertEquals(v1, out[0], 1e-7, code + " value at " + edge);
                assertEquals(d1, out[1], 1e-6, code + " slope at " + edge);
            }
        }
    }

    @Test
    void multiplicativeCodesRejectNonPositiveValues() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new InterpolationKernel(
                InterpolationCode.CODE4, new double[] {-0.1}, new double[] {1}, new double[] {1.2},
                new String[] {"channel 'sr', sample 'b', modifier 'n' (normsys)"}));
        assertEquals("channel 'sr', sample 'b', modifier 'n' (normsys): interpolation code4 needs positive nominal,"
                + " up and down values, got down=-0.1, nominal=1.0, up=1.2 (use an additive code such as 4p)", e.getMessage());
        assertEquals(InterpolationCode.CODE4P, InterpolationCode.parse("4p"));
        assertEquals(InterpolationCode.CODE1, InterpolationCode.parse("code1"));
        assertThrows(InvalidInputException.class, () -> InterpolationCode.parse("3"));
    }
}
