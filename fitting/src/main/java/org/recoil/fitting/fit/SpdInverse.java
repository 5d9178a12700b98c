package org.recoil.fitting.fit;

/**
 * In-place inverse of a small symmetric positive-definite matrix stored as a flat row-major array, by
 * Cholesky factorisation A = L Lᵀ, inversion of L and A⁻¹ = L⁻ᵀ L⁻¹ (Golub and Van Loan, "Matrix
 * Computations", 4th ed., Sec. 4.2). About n³ flops and no allocation, against the many small objects of a
 * general-purpose matrix library: it runs once or twice per fit (Newton curvature, errors). Used by the
 * minimisers in this package only.
 */
final class SpdInverse {
    private SpdInverse() {
    }

    /**
     * Replaces {@code a} (n × n, row-major, only the lower triangle is read) by its inverse.
     *
     * @param a the matrix; on success its inverse (full, symmetric), on failure unspecified
     * @param n the dimension
     * @param relativePivot a pivot of the equilibrated matrix (unit diagonal) below this counts as not
     *                      positive definite (about the reciprocal of the largest condition number accepted)
     * @return false if the matrix is not (numerically) positive definite or has non-finite entries
     */
    static boolean invert(double[] a, int n, double relativePivot) {
        for (int i = 0; i < n; i++) {
            double di = a[i * n + i];
            if (!(di > 0) || Double.isInfinite(di)) {
                return false;
            }
        }
        // Jacobi equilibration: invert D⁻¹ A D⁻¹ (unit diagonal, D = √diag A), then A⁻¹ = D⁻¹ (D⁻¹ A D⁻¹)⁻¹ D⁻¹,
        // so that curvatures spanning many orders of magnitude (widths 10⁻⁶ to 10) do not count as singular
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = Math.sqrt(a[i * n + i]);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] /= d[i] * d[j];
            }
        }
        double minPivot = relativePivot;
        // Cholesky: L in the lower triangle
        for (int j = 0; j < n; j++) {
            int rj = j * n;
            double s = a[rj + j];
            for (int k = 0; k < j; k++) {
                s -= a[rj + k] * a[rj + k];
            }
            if (!(s > minPivot)) {
                return false;
            }
            double ljj = Math.sqrt(s);
            a[rj + j] = ljj;
            double inv = 1 / ljj;
            for (int i = j + 1; i < n; i++) {
                int ri = i * n;
                double t = a[ri + j];
                for (int k = 0; k < j; k++) {
                    t -= a[ri + k] * a[rj + k];
                }
                a[ri + j] = t * inv;
            }
        }
        // L⁻¹ in place (lower triangle)
        for (int j = 0; j < n; j++) {
            a[j * n + j] = 1 / a[j * n + j];
            for (int i = j + 1; i < n; i++) {
                int ri = i * n;
                double t = 0;
                for (int k = j; k < i; k++) {
                    t -= a[ri + k] * a[k * n + j];
                }
                a[ri + j] = t / a[ri + i];
            }
        }
        // A⁻¹ = L⁻ᵀ L⁻¹ = Σ_k (row k of M)ᵀ (row k of M), M = L⁻¹ lower triangular: accumulate row by row
        // into the upper triangle (which holds no part of M), reading M's rows contiguously
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                a[i * n + j] = 0;
            }
        }
        double[] diag = new double[n];
        for (int k = 0; k < n; k++) {
            int rk = k * n;
            for (int i = 0; i <= k; i++) {
                double mki = a[rk + i];
                if (mki == 0) {
                    continue;
                }
                diag[i] += mki * mki;
                int ri = i * n;
                for (int j = i + 1; j <= k; j++) {
                    a[ri + j] += mki * a[rk + j];
                }
            }
        }
        for (int i = 0; i < n; i++) {
            a[i * n + i] = diag[i];
            for (int j = 0; j < i; j++) {
                a[i * n + j] = a[j * n + i];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                a[i * n + j] /= d[i] * d[j];
            }
        }
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
