package org.recoil.fitting.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The flat-array SPD inverse against Hipparchus' Cholesky inverse. */
class SpdInverseTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 17, 64})
    void inverseEqualsHipparchusCholeskyInverse(int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(99L + n);
        double[][] b = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                b[i][j] = rng.nextDouble() - 0.5;
            }
        }
        RealMatrix bm = MatrixUtils.createRealMatrix(b);
        RealMatrix a = bm.multiply(bm.transpose()).add(MatrixUtils.createRealIdentityMatrix(n).scalarMultiply(0.1));
        double[] flat = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                flat[i * n + j] = a.getEntry(i, j);
            }
        }
        assertTrue(SpdInverse.invert(flat, n, 1e-15));
        RealMatrix expected = new CholeskyDecomposition(a).getSolver().getInverse();
        double scale = expected.getNorm1();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                assertEquals(expected.getEntry(i, j), flat[i * n + j], 1e-10 * scale, "entry " + i + "," + j);
            }
        }
    }

    @Test
    void rejectsMatricesThatAreNotPositiveDefinite() {
        assertFalse(SpdInverse.invert(new double[] {1, 2, 2, 1}, 2, 1e-15), "indefinite");
        assertFalse(SpdInverse.invert(new double[] {1, 1, 1, 1}, 2, 1e-15), "singular");
        assertFalse(SpdInverse.invert(new double[] {0}, 1, 1e-15), "zero");
        assertFalse(SpdInverse.invert(new double[] {Double.NaN}, 1, 1e-15), "NaN");
        double[] ok = {4};
        assertTrue(SpdInverse.invert(ok, 1, 1e-15));
        assertEquals(0.25, ok[0]);
    }
}
