package org.recoil.fitting.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/** Solves and inverses through the Schur complement against Hipparchus' dense Cholesky. */
class ArrowMatrixTest {

    /** 3 global parameters (0, 4, 9) and blocks {1, 2}, {3}, {5, 6, 7}, {8}, {10}. */
    private static final ArrowStructure S = new ArrowStructure(11, new int[] {0, 4, 9},
            new int[] {0, 2, 3, 6, 7, 8}, new int[] {1, 2, 3, 5, 6, 7, 8, 10}, new int[] {0, 1, 2, 3, 4});

    private static ArrowMatrix randomSpd(long seed, double widthSpread) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        ArrowMatrix a = new ArrowMatrix(S);
        // a sum of rank-one terms that respect the structure: one global row plus one block each
        int[] g = S.global();
        int[] bs = S.blockStart();
        int[] bp = S.blockParam();
        double[] scale = new double[11];
        for (int i = 0; i < 11; i++) {
            scale[i] = Math.pow(10, widthSpread * (rng.nextDouble() - 0.5));
        }
        for (int rep = 0; rep < 4; rep++) {
            for (int b = 0; b + 1 < bs.length; b++) {
                double[] v = new double[11];
                for (int p : g) {
                    v[p] = rng.nextDouble() - 0.5;
                }
                for (int l = bs[b]; l < bs[b + 1]; l++) {
                    v[bp[l]] = rng.nextDouble() - 0.5;
                }
                for (int i = 0; i < 11; i++) {
                    for (int j = i; j < 11; j++) {
                        if (v[i] != 0 && v[j] != 0) {
                            double e = v[i] * v[j] * scale[i] * scale[j];
                            if (i == j) {
                                a.addDiagonal(i, e);
                            } else {
                                a.addSym(i, j, e);
                            }
                        }
                    }
                }
            }
        }
        for (int i = 0; i < 11; i++) {
            a.addDiagonal(i, 0.05 * scale[i] * scale[i]);
        }
        return a;
    }

    @Test
    void solveInverseDiagonalAndGlobalBlockMatchDenseCholesky() {
        for (double spread : new double[] {0, 12}) {
            ArrowMatrix a = randomSpd(7, spread);
            RealMatrix dense = MatrixUtils.createRealMatrix(11, 11);
            double[] flat = a.toDense();
            for (int i = 0; i < 11; i++) {
                for (int j = 0; j < 11; j++) {
                    dense.setEntry(i, j, flat[i * 11 + j]);
                }
            }
            RealMatrix inv = new CholeskyDecomposition(dense, 1e-15, 1e-300).getSolver().getInverse();
            ArrowMatrix.Factorization f = a.factor(null);
            double[] diag = f.inverseDiagonal();
            double[] full = f.denseInverse();
            for (int i = 0; i < 11; i++) {
                assertEquals(inv.getEntry(i, i), diag[i], 1e-9 * inv.getEntry(i, i), "diagonal " + i);
                for (int j = 0; j < 11; j++) {
                    double tol = 1e-9 * Math.sqrt(inv.getEntry(i, i) * inv.getEntry(j, j));
                    assertEquals(inv.getEntry(i, j), full[i * 11 + j], tol, "inverse " + i + "," + j);
                }
            }
            double[] gb = f.inverseGlobalBlock();
            int[] g = S.global();
            for (int p = 0; p < 3; p++) {
                for (int q = 0; q < 3; q++) {
                    assertEquals(inv.getEntry(g[p], g[q]), gb[p * 3 + q],
                            1e-9 * Math.sqrt(inv.getEntry(g[p], g[p]) * inv.getEntry(g[q], g[q])));
                }
            }
        }
    }

    @Test
    void removedParametersAreLeftOut() {
        ArrowMatrix a = randomSpd(11, 3);
        boolean[] removed = new boolean[11];
        removed[4] = true;
        removed[6] = true;
        double[] r = new double[11];
        for (int i = 0; i < 11; i++) {
            r[i] = i - 5;
        }
        double[] x = new double[11];
        a.factor(removed).solve(r, x);
        assertEquals(0, x[4]);
        assertEquals(0, x[6]);
        // the restricted system holds: (A x)_i = r_i for the kept rows
        double[] flat = a.toDense();
        for (int i = 0; i < 11; i++) {
            if (removed[i]) {
                continue;
            }
            double s = 0;
            for (int j = 0; j < 11; j++) {
                s += flat[i * 11 + j] * x[j];
            }
            assertEquals(r[i], s, 1e-9 * (1 + Math.abs(r[i])), "row " + i);
        }
    }

    @Test
    void notPositiveDefiniteAndOutOfStructure() {
        ArrowMatrix a = new ArrowMatrix(S);
        for (int i = 0; i < 11; i++) {
            a.addDiagonal(i, 1);
        }
        a.addSym(0, 4, 1.5); // |offdiag| > 1: indefinite
        assertNull(a.factor(null));
        assertThrows(IllegalArgumentException.class, () -> a.addSym(1, 3, 1.0), "two blocks");
    }
}
