package org.recoil.fitting.model;

import java.util.Arrays;

/**
 * A symmetric matrix with an {@link ArrowStructure}: a dense block of the k global parameters, their
 * couplings to the local parameters (k per local parameter) and small dense diagonal blocks of the local
 * ones. Memory O(n k) instead of n². Filled by accumulation ({@link #addSym}), e.g. by
 * {@link TwiceNllFunction#hessian(double[], ArrowMatrix)}; {@link #factor} gives a Cholesky factorisation
 * through the Schur complement of the block-diagonal part (Golub and Van Loan, "Matrix Computations", 4th
 * ed., Sec. 3.2.10 and 4.2; Boyd and Vandenberghe, "Convex Optimization", App. A.5.5: for
 * A = [B Cᵀ; C G], S = G − C B⁻¹ Cᵀ; A⁻¹ has global block S⁻¹ and local blocks B⁻¹ + B⁻¹Cᵀ S⁻¹ C B⁻¹).
 * Mutable scratch, not thread-safe.
 */
public final class ArrowMatrix {
    private final ArrowStructure s;
    private final int n;
    private final int k;
    private final int[] global;
    private final int[] blockStart;
    private final int[] blockParam;
    /** parameter → its position among the global parameters, or −1 */
    private final int[] gIndex;
    /** parameter → its position among the local parameters (blockParam order), or −1 */
    private final int[] lIndex;
    /** local position → its block */
    private final int[] lBlock;
    /** offset of each block's s × s entries in {@link #bb} */
    private final int[] bbStart;
    private final double[] gg;
    private final double[] lg;
    private final double[] bb;

    /** @param structure the sparsity; the matrix starts at 0 */
    public ArrowMatrix(ArrowStructure structure) {
        this.s = structure;
        this.n = structure.size();
        this.global = structure.global();
        this.k = global.length;
        this.blockStart = structure.blockStart();
        this.blockParam = structure.blockParam();
        gIndex = new int[n];
        lIndex = new int[n];
        Arrays.fill(gIndex, -1);
        Arrays.fill(lIndex, -1);
        for (int g = 0; g < k; g++) {
            gIndex[global[g]] = g;
        }
        int nb = structure.blockCount();
        lBlock = new int[blockParam.length];
        bbStart = new int[nb + 1];
        for (int b = 0; b < nb; b++) {
            int len = blockStart[b + 1] - blockStart[b];
            bbStart[b + 1] = bbStart[b] + len * len;
            for (int l = blockStart[b]; l < blockStart[b + 1]; l++) {
                lIndex[blockParam[l]] = l;
                lBlock[l] = b;
            }
        }
        gg = new double[k * k];
        lg = new double[blockParam.length * k];
        bb = new double[bbStart[nb]];
    }

    /** @return the sparsity structure */
    public ArrowStructure structure() {
        return s;
    }

    /** @return the dimension n */
    public int size() {
        return n;
    }

    /** Sets every entry to 0. */
    public void clear() {
        Arrays.fill(gg, 0);
        Arrays.fill(lg, 0);
        Arrays.fill(bb, 0);
    }

    /**
     * M[a][b] += v and M[b][a] += v (so 2v on the diagonal when a = b).
     *
     * @throws IllegalArgumentException if (a, b) is outside the structure (two local parameters of different
     *         blocks)
     */
    public void addSym(int a, int b, double v) {
        int ga = gIndex[a];
        int gb = gIndex[b];
        if (ga >= 0 && gb >= 0) {
            gg[ga * k + gb] += v;
            gg[gb * k + ga] += v;
        } else if (ga >= 0) {
            lg[lIndex[b] * k + ga] += v;
        } else if (gb >= 0) {
            lg[lIndex[a] * k + gb] += v;
        } else {
            int la = lIndex[a];
            int lb = lIndex[b];
            int blk = lBlock[la];
            if (lBlock[lb] != blk) {
                throw new IllegalArgumentException("entry (" + a + ", " + b + ") couples two local parameters of"
                        + " different blocks");
            }
            int len = blockStart[blk + 1] - blockStart[blk];
            int ia = la - blockStart[blk];
            int ib = lb - blockStart[blk];
            bb[bbStart[blk] + ia * len + ib] += v;
            bb[bbStart[blk] + ib * len + ia] += v;
        }
    }

    /** M[a][a] += v. */
    public void addDiagonal(int a, double v) {
        addSym(a, a, 0.5 * v);
    }

    /** @return M[a][b] (0 outside the structure) */
    public double get(int a, int b) {
        int ga = gIndex[a];
        int gb = gIndex[b];
        if (ga >= 0 && gb >= 0) {
            return gg[ga * k + gb];
        } else if (ga >= 0) {
            return lg[lIndex[b] * k + ga];
        } else if (gb >= 0) {
            return lg[lIndex[a] * k + gb];
        }
        int la = lIndex[a];
        int lb = lIndex[b];
        int blk = lBlock[la];
        if (lBlock[lb] != blk) {
            return 0;
        }
        int len = blockStart[blk + 1] - blockStart[blk];
        return bb[bbStart[blk] + (la - blockStart[blk]) * len + (lb - blockStart[blk])];
    }

    /** @return M[a][a] */
    public double diagonal(int a) {
        return get(a, a);
    }

    /** @return the matrix as a dense row-major n × n array (small n only: tests, dense fallbacks) */
    public double[] toDense() {
        double[] out = new double[n * n];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                out[global[a] * n + global[b]] = gg[a * k + b];
            }
        }
        for (int l = 0; l < blockParam.length; l++) {
            int p = blockParam[l];
            for (int g = 0; g < k; g++) {
                out[p * n + global[g]] = lg[l * k + g];
                out[global[g] * n + p] = lg[l * k + g];
            }
        }
        for (int blk = 0; blk < blockStart.length - 1; blk++) {
            int len = blockStart[blk + 1] - blockStart[blk];
            for (int i = 0; i < len; i++) {
                for (int j = 0; j < len; j++) {
                    out[blockParam[blockStart[blk] + i] * n + blockParam[blockStart[blk] + j]] =
                            bb[bbStart[blk] + i * len + j];
                }
            }
        }
        return out;
    }

    /**
     * Cholesky factorisation of the matrix restricted to the parameters not {@code removed} (removed ones act
     * as decoupled unit rows: their solution components are 0), after Jacobi equilibration (unit diagonal),
     * so curvatures of very different size (widths 10⁻⁶ to 10) are handled alike.
     *
     * @param removed parameters left out (fixed, or held at a bound), or null for none
     * @return the factorisation, or null if the restricted matrix is not (numerically) positive definite
     *         (a pivot of the equilibrated matrix below 10⁻¹⁴, or a non-finite entry)
     */
    public Factorization factor(boolean[] removed) {
        double[] d = new double[n];
        for (int a = 0; a < n; a++) {
            if (removed != null && removed[a]) {
                continue;
            }
            double m = diagonal(a);
            if (!(m > 0) || Double.isInfinite(m)) {
                return null;
            }
            d[a] = 1 / Math.sqrt(m);
        }
        Factorization f = new Factorization(d, removed);
        return f.ok ? f : null;
    }

    /** A factorisation A = P Pᵀ in Schur-complement form; solves, inverse diagonal and inverse global block. */
    public final class Factorization {
        private static final double MIN_PIVOT = 1e-14;
        /** equilibration D: A_scaled = D A D; 0 for removed parameters */
        private final double[] d;
        /** Cholesky factors of the scaled local blocks (lower triangles, bb layout) */
        private final double[] lb;
        /** Y = L_b⁻¹ C_b per local row (nLocal × k) */
        private final double[] y;
        /** Cholesky factor of the scaled Schur complement S (k × k, lower) */
        private final double[] ls;
        private final boolean ok;
        private double[] sInverse;

        private Factorization(double[] d, boolean[] removed) {
            this.d = d;
            lb = new double[bb.length];
            y = new double[lg.length];
            ls = new double[k * k];
            ok = build(removed);
        }

        private boolean build(boolean[] removed) {
            int nb = blockStart.length - 1;
            for (int blk = 0; blk < nb; blk++) {
                int l0 = blockStart[blk];
                int len = blockStart[blk + 1] - l0;
                int o = bbStart[blk];
                for (int i = 0; i < len; i++) {
                    int pi = blockParam[l0 + i];
                    for (int j = 0; j < len; j++) {
                        int pj = blockParam[l0 + j];
                        lb[o + i * len + j] = i == j && d[pi] == 0 ? 1 : bb[o + i * len + j] * d[pi] * d[pj];
                    }
                    for (int g = 0; g < k; g++) {
                        y[(l0 + i) * k + g] = lg[(l0 + i) * k + g] * d[pi] * d[global[g]];
                    }
                }
                if (!cholesky(lb, o, len)) {
                    return false;
                }
                // Y_b = L_b⁻¹ C_b, row by row (forward substitution)
                for (int i = 0; i < len; i++) {
                    int ri = (l0 + i) * k;
                    for (int j = 0; j < i; j++) {
                        double lij = lb[o + i * len + j];
                        if (lij != 0) {
                            int rj = (l0 + j) * k;
                            for (int g = 0; g < k; g++) {
                                y[ri + g] -= lij * y[rj + g];
                            }
                        }
                    }
                    double inv = 1 / lb[o + i * len + i];
                    for (int g = 0; g < k; g++) {
                        y[ri + g] *= inv;
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    ls[a * k + b] = a == b && d[global[a]] == 0 ? 1 : gg[a * k + b] * d[global[a]] * d[global[b]];
                }
            }
            for (int l = 0; l < blockParam.length; l++) {
                int r = l * k;
                for (int a = 0; a < k; a++) {
                    double ya = y[r + a];
                    if (ya == 0) {
                        continue;
                    }
                    for (int b = 0; b <= a; b++) {
                        ls[a * k + b] -= ya * y[r + b];
                    }
                }
            }
            for (int a = 0; a < k; a++) {
                for (int b = a + 1; b < k; b++) {
                    ls[a * k + b] = ls[b * k + a];
                }
            }
            return cholesky(ls, 0, k);
        }

        /** In-place Cholesky of the len × len matrix at offset o (lower triangle; upper zeroed). */
        private boolean cholesky(double[] m, int o, int len) {
            for (int j = 0; j < len; j++) {
                double sum = m[o + j * len + j];
                for (int t = 0; t < j; t++) {
                    sum -= m[o + j * len + t] * m[o + j * len + t];
                }
                if (!(sum > MIN_PIVOT) || Double.isInfinite(sum)) {
                    return false;
                }
                double ljj = Math.sqrt(sum);
                m[o + j * len + j] = ljj;
                for (int i = j + 1; i < len; i++) {
                    double t2 = m[o + i * len + j];
                    for (int t = 0; t < j; t++) {
                        t2 -= m[o + i * len + t] * m[o + j * len + t];
                    }
                    m[o + i * len + j] = t2 / ljj;
                    m[o + j * len + i] = 0;
                }
            }
            return true;
        }

        /**
         * Solves A x = r on the parameters that are not removed (x = 0 on removed ones).
         *
         * @param r right-hand side, length n (not modified)
         * @param x output, length n
         */
        public void solve(double[] r, double[] x) {
            // scaled right-hand side
            for (int a = 0; a < n; a++) {
                x[a] = r[a] * d[a];
            }
            int nb = blockStart.length - 1;
            double[] t = new double[k];
            for (int g = 0; g < k; g++) {
                t[g] = x[global[g]];
            }
            // z_b = L_b⁻¹ r_b (stored in x), t = r_g − Σ Y_lᵀ z_l
            for (int blk = 0; blk < nb; blk++) {
                int l0 = blockStart[blk];
                int len = blockStart[blk + 1] - l0;
                int o = bbStart[blk];
                for (int i = 0; i < len; i++) {
                    double v = x[blockParam[l0 + i]];
                    for (int j = 0; j < i; j++) {
                        v -= lb[o + i * len + j] * x[blockParam[l0 + j]];
                    }
                    v /= lb[o + i * len + i];
                    x[blockParam[l0 + i]] = v;
                    int ri = (l0 + i) * k;
                    for (int g = 0; g < k; g++) {
                        t[g] -= y[ri + g] * v;
                    }
                }
            }
            choleskySolve(ls, k, t);
            for (int g = 0; g < k; g++) {
                x[global[g]] = t[g];
            }
            // x_b = L_b⁻ᵀ (z_b − Y_b x_g)
            for (int blk = 0; blk < nb; blk++) {
                int l0 = blockStart[blk];
                int len = blockStart[blk + 1] - l0;
                int o = bbStart[blk];
                for (int i = 0; i < len; i++) {
                    int ri = (l0 + i) * k;
                    double v = x[blockParam[l0 + i]];
                    for (int g = 0; g < k; g++) {
                        v -= y[ri + g] * t[g];
                    }
                    x[blockParam[l0 + i]] = v;
                }
                for (int i = len - 1; i >= 0; i--) {
                    double v = x[blockParam[l0 + i]];
                    for (int j = i + 1; j < len; j++) {
                        v -= lb[o + j * len + i] * x[blockParam[l0 + j]];
                    }
                    x[blockParam[l0 + i]] = v / lb[o + i * len + i];
                }
            }
            for (int a = 0; a < n; a++) {
                x[a] *= d[a];
            }
        }

        /** t ← (L Lᵀ)⁻¹ t for the len × len lower factor L. */
        private static void choleskySolve(double[] l, int len, double[] t) {
            for (int i = 0; i < len; i++) {
                double v = t[i];
                for (int j = 0; j < i; j++) {
                    v -= l[i * len + j] * t[j];
                }
                t[i] = v / l[i * len + i];
            }
            for (int i = len - 1; i >= 0; i--) {
                double v = t[i];
                for (int j = i + 1; j < len; j++) {
                    v -= l[j * len + i] * t[j];
                }
                t[i] = v / l[i * len + i];
            }
        }

        /** S⁻¹ of the scaled Schur complement, k × k. */
        private double[] scaledSchurInverse() {
            if (sInverse == null) {
                double[] inv = new double[k * k];
                double[] col = new double[k];
                for (int c = 0; c < k; c++) {
                    Arrays.fill(col, 0);
                    col[c] = 1;
                    choleskySolve(ls, k, col);
                    for (int r = 0; r < k; r++) {
                        inv[r * k + c] = col[r];
                    }
                }
                sInverse = inv;
            }
            return sInverse;
        }

        /** @return the diagonal of A⁻¹ (0 for removed parameters), in O(n k²) */
        public double[] inverseDiagonal() {
            double[] sinv = scaledSchurInverse();
            double[] out = new double[n];
            for (int g = 0; g < k; g++) {
                out[global[g]] = sinv[g * k + g] * d[global[g]] * d[global[g]];
            }
            int nb = blockStart.length - 1;
            int maxLen = s.maxBlockSize();
            double[] linv = new double[maxLen * maxLen];
            double[] w = new double[maxLen * k];
            for (int blk = 0; blk < nb; blk++) {
                int l0 = blockStart[blk];
                int len = blockStart[blk + 1] - l0;
                int o = bbStart[blk];
                // L_b⁻¹ (lower)
                Arrays.fill(linv, 0, len * len, 0);
                for (int c = 0; c < len; c++) {
                    linv[c * len + c] = 1 / lb[o + c * len + c];
                    for (int i = c + 1; i < len; i++) {
                        double v = 0;
                        for (int j = c; j < i; j++) {
                            v -= lb[o + i * len + j] * linv[j * len + c];
                        }
                        linv[i * len + c] = v / lb[o + i * len + i];
                    }
                }
                // W = L_b⁻ᵀ Y_b (len × k): row i = Σ_j linv[j][i] Y_j
                Arrays.fill(w, 0, len * k, 0);
                for (int i = 0; i < len; i++) {
                    for (int j = i; j < len; j++) {
                        double c = linv[j * len + i];
                        int rj = (l0 + j) * k;
                        for (int g = 0; g < k; g++) {
                            w[i * k + g] += c * y[rj + g];
                        }
                    }
                }
                for (int i = 0; i < len; i++) {
                    double binv = 0;
                    for (int j = i; j < len; j++) {
                        binv += linv[j * len + i] * linv[j * len + i];
                    }
                    double q = 0;
                    for (int a = 0; a < k; a++) {
                        double v = 0;
                        for (int b = 0; b < k; b++) {
                            v += sinv[a * k + b] * w[i * k + b];
                        }
                        q += w[i * k + a] * v;
                    }
                    int p = blockParam[l0 + i];
                    out[p] = (binv + q) * d[p] * d[p];
                }
            }
            return out;
        }

        /** @return the global block of A⁻¹, k × k row-major in {@link ArrowStructure#global()} order */
        public double[] inverseGlobalBlock() {
            double[] sinv = scaledSchurInverse();
            double[] out = new double[k * k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    out[a * k + b] = sinv[a * k + b] * d[global[a]] * d[global[b]];
                }
            }
            return out;
        }

        /** @return A⁻¹ as a dense row-major n × n array, by n solves (moderate n only) */
        public double[] denseInverse() {
            double[] out = new double[n * n];
            double[] e = new double[n];
            double[] col = new double[n];
            for (int c = 0; c < n; c++) {
                if (d[c] == 0) {
                    continue;
                }
                e[c] = 1;
                solve(e, col);
                e[c] = 0;
                for (int r = 0; r < n; r++) {
                    out[r * n + c] = col[r];
                }
            }
            return out;
        }
    }
}
