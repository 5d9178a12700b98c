package org.recoil.fitting.fit;

import org.recoil.fitting.model.ArrowMatrix;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.model.TwiceNllFunction;

/**
 * Parabolic uncertainties and covariance at a minimum: the Hessian of −2 ln L, exact when the function
 * provides it ({@link TwiceNllFunction#hessian}), else by central finite differences of the analytic
 * gradient (one-sided for parameters at or next to a bound), symmetrised;
 * covariance = 2 H⁻¹ (the inverse Hessian of −ln L; James, "Statistical Methods in Experimental
 * Physics", 2nd ed., section 9.3). Fixed parameters get zero rows and columns and error 0.
 */
public final class HessianErrors {
    private HessianErrors() {
    }

    /**
     * Hessian of −2 ln L over the free parameters.
     *
     * @param model the model
     * @param data the dataset
     * @param x the point (usually the minimum)
     * @param fixed fixed parameters (excluded)
     * @return the full-size Hessian with zero rows/columns for fixed parameters
     */
    public static double[][] hessian(StatModel model, Data data, double[] x, boolean[] fixed) {
        int n = x.length;
        var p = model.parameters();
        TwiceNllFunction f = model.twiceNllFunction(data);
        double[][] hess = new double[n][n];
        double[] exact = new double[n * n];
        if (f.hessian(x, exact)) {
            for (int i = 0; i < n; i++) {
                if (fixed[i]) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    hess[i][j] = fixed[j] ? 0 : exact[i * n + j];
                }
            }
            return hess;
        }
        double[] gp = new double[n];
        double[] gm = new double[n];
        double[] g0 = null;
        double[] at = x.clone();
        for (int i = 0; i < n; i++) {
            if (fixed[i]) {
                continue;
            }
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            double up = p.upper(i) - x[i];
            double dn = x[i] - p.lower(i);
            double hp;
            double hm;
            if (up >= h && dn >= h) {
                hp = h;
                hm = h;
            } else if (up >= dn) {
                hp = Math.min(h, up);
                hm = 0;
            } else {
                hp = 0;
                hm = Math.min(h, dn);
            }
            if (hp + hm == 0) {
                continue;
            }
            if ((hp == 0 || hm == 0) && g0 == null) {
                g0 = new double[n];
                f.valueAndGradient(x, g0);
            }
            at[i] = x[i] + hp;
            double[] a = gp;
            if (hp > 0) {
                f.valueAndGradient(at, gp);
            } else {
                a = g0;
            }
            at[i] = x[i] - hm;
            double[] b = gm;
            if (hm > 0) {
                f.valueAndGradient(at, gm);
            } else {
                b = g0;
            }
            at[i] = x[i];
            for (int j = 0; j < n; j++) {
                hess[i][j] = fixed[j] ? 0 : (a[j] - b[j]) / (hp + hm);
            }
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0.5 * (hess[i][j] + hess[j][i]);
                hess[i][j] = s;
                hess[j][i] = s;
            }
        }
        return hess;
    }

    /**
     * Builds a {@link FitResult} with errors and covariance at {@code x}. Free parameters in whose direction
     * the Hessian is singular (no curvature: e.g. a signal strength whose signal is zero everywhere; or a
     * non-finite curvature) are found from the null space of the equilibrated Hessian; they get NaN errors
     * and covariance entries, are listed in {@link FitResult#undetermined()} and named in the message, and a
     * converged status becomes {@link FitStatus#CONVERGED_UNDETERMINED}. The others get errors from the
     * inverse of the Hessian restricted to them.
     *
     * @param model the model
     * @param data the dataset
     * @param x the minimum
     * @param fixed fixed parameters
     * @param twiceNll −2 ln L at x
     * @param status status of the minimisation
     * @param iterations iterations used
     * @param message detail of the minimisation
     * @return the result
     */
    public static FitResult withErrors(StatModel model, Data data, double[] x, boolean[] fixed, double twiceNll,
                                       FitStatus status, int iterations, String message) {
        int n = x.length;
        int[] free = ProjectedBfgsMinimizer.freeIndices(fixed);
        TwiceNllFunction fn = model.twiceNllFunction(data);
        if (free.length >= ProjectedBfgsMinimizer.STRUCTURED_FROM && ProjectedBfgsMinimizer.usesArrow(fn)) {
            return withArrowErrors(model, fn, x, fixed, twiceNll, status, iterations, message);
        }
        double[][] cov = new double[n][n];
        double[] err = new double[n];
        int[] undetermined = new int[0];
        if (free.length > 0) {
            double[][] full = hessian(model, data, x, fixed);
            boolean[] out = new boolean[n];
            int[] kept = free;
            double[] inv = null;
            for (int attempt = 0; attempt <= free.length && kept.length > 0; attempt++) {
                kept = withoutUndefinedCurvature(full, kept, out);
                int k = kept.length;
                if (k == 0) {
                    break;
                }
                inv = new double[k * k];
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        inv[a * k + b] = full[kept[a]][kept[b]];
                    }
                }
                if (SpdInverse.invert(inv, k, 1e-15)) {
                    break;
                }
                inv = null;
                if (!markNullSpace(full, kept, out)) {
                    break; // no null direction found: not positive definite for another reason
                }
                kept = java.util.Arrays.stream(kept).filter(i -> !out[i]).toArray();
            }
            if (inv == null) {
                for (int i : free) {
                    err[i] = Double.NaN;
                    for (int j : free) {
                        cov[i][j] = Double.NaN;
                    }
                }
                message = message + "; the Hessian is not positive definite, errors are undefined";
            } else {
                int k = kept.length;
                for (int i : free) {
                    if (out[i]) {
                        err[i] = Double.NaN;
                        for (int j : free) {
                            cov[i][j] = Double.NaN;
                            cov[j][i] = Double.NaN;
                        }
                    }
                }
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        cov[kept[a]][kept[b]] = 2 * inv[a * k + b];
                    }
                    err[kept[a]] = Math.sqrt(cov[kept[a]][kept[a]]);
                }
                undetermined = java.util.Arrays.stream(free).filter(i -> out[i]).toArray();
                if (undetermined.length > 0) {
                    var names = model.parameters().names();
                    message = message + "; the Hessian is singular: parameters not determined by the data and"
                            + " constraints (errors undefined): " + java.util.Arrays.stream(undetermined)
                            .mapToObj(names::get).collect(java.util.stream.Collectors.joining(", "));
                    if (status == FitStatus.CONVERGED) {
                        status = FitStatus.CONVERGED_UNDETERMINED;
                    }
                }
            }
        }
        return new FitResult(x, err, cov, twiceNll, status, iterations, message, undetermined, null);
    }

    /**
     * {@link #withErrors} through the arrow-structured Hessian ({@link ArrowMatrix}): errors from the diagonal
     * of its inverse and the global parameters' covariance from the inverse Schur complement, in O(n k²) time
     * and O(n k) memory; the dense covariance only up to
     * {@link CovarianceTooLargeException#MAX_DENSE_PARAMETERS} parameters.
     */
    static FitResult withArrowErrors(StatModel model, TwiceNllFunction fn, double[] x, boolean[] fixed,
                                             double twiceNll, FitStatus status, int iterations, String message) {
        int n = x.length;
        ArrowMatrix h = new ArrowMatrix(fn.arrowStructure());
        fn.hessian(x, h);
        boolean[] removed = fixed.clone();
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
            double d = h.diagonal(i);
            if (!fixed[i] && !(d > 0 && Double.isFinite(d))) {
                out[i] = true;
                removed[i] = true;
            }
        }
        ArrowMatrix.Factorization fac = h.factor(removed);
        double[] err = new double[n];
        int[] global = fn.arrowStructure().global();
        int k = global.length;
        double[] gcov = new double[k * k];
        double[][] cov = n <= CovarianceTooLargeException.MAX_DENSE_PARAMETERS ? new double[n][n] : null;
        int[] undetermined = new int[0];
        if (fac == null) {
            for (int i = 0; i < n; i++) {
                if (!fixed[i]) {
                    err[i] = Double.NaN;
                }
            }
            java.util.Arrays.fill(gcov, Double.NaN);
            if (cov != null) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        cov[i][j] = fixed[i] || fixed[j] ? 0 : Double.NaN;
                    }
                }
            }
            message = message + "; the Hessian is not positive definite, errors are undefined";
        } else {
            double[] diag = fac.inverseDiagonal();
            for (int i = 0; i < n; i++) {
                err[i] = fixed[i] ? 0 : out[i] ? Double.NaN : Math.sqrt(2 * diag[i]);
            }
            double[] gi = fac.inverseGlobalBlock();
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    gcov[a * k + b] = out[global[a]] || out[global[b]] ? Double.NaN : 2 * gi[a * k + b];
                }
            }
            if (cov != null) {
                double[] dense = fac.denseInverse();
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        cov[i][j] = out[i] || out[j] ? (fixed[i] || fixed[j] ? 0 : Double.NaN) : 2 * dense[i * n + j];
                    }
                }
            }
            undetermined = java.util.stream.IntStream.range(0, n).filter(i -> out[i]).toArray();
            if (undetermined.length > 0) {
                var names = model.parameters().names();
                message = message + "; the Hessian is singular: parameters not determined by the data and"
                        + " constraints (errors undefined): " + java.util.Arrays.stream(undetermined)
                        .mapToObj(names::get).collect(java.util.stream.Collectors.joining(", "));
                if (status == FitStatus.CONVERGED) {
                    status = FitStatus.CONVERGED_UNDETERMINED;
                }
            }
        }
        return new FitResult(x, err, cov, twiceNll, status, iterations, message, undetermined,
                new BlockCovariance(global, gcov));
    }

    /** Marks (in {@code out}) and drops the parameters without a positive, finite curvature row. */
    private static int[] withoutUndefinedCurvature(double[][] h, int[] idx, boolean[] out) {
        for (int i : idx) {
            boolean ok = h[i][i] > 0 && Double.isFinite(h[i][i]);
            for (int j = 0; ok && j < idx.length; j++) {
                ok = Double.isFinite(h[i][idx[j]]);
            }
            if (!ok) {
                out[i] = true;
            }
        }
        return java.util.Arrays.stream(idx).filter(i -> !out[i]).toArray();
    }

    /**
     * Marks the parameters that carry the null (or negative-curvature) directions of the Hessian restricted
     * to {@code idx}, after equilibration to unit diagonal: for each eigenvalue below 1e-10 of the largest,
     * the parameter with the largest component of its eigenvector and every one with a component above 0.3.
     *
     * @return whether any parameter was marked
     */
    private static boolean markNullSpace(double[][] h, int[] idx, boolean[] out) {
        int k = idx.length;
        double[][] e = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                e[a][b] = h[idx[a]][idx[b]] / Math.sqrt(h[idx[a]][idx[a]] * h[idx[b]][idx[b]]);
            }
        }
        var eig = new org.hipparchus.linear.EigenDecompositionSymmetric(
                org.hipparchus.linear.MatrixUtils.createRealMatrix(e));
        double[] values = eig.getEigenvalues();
        double max = 0;
        for (double v : values) {
            max = Math.max(max, Math.abs(v));
        }
        boolean any = false;
        for (int t = 0; t < k; t++) {
            if (values[t] > 1e-10 * max) {
                continue;
            }
            var v = eig.getEigenvector(t);
            int arg = 0;
            for (int a = 0; a < k; a++) {
                if (Math.abs(v.getEntry(a)) > Math.abs(v.getEntry(arg))) {
                    arg = a;
                }
                if (Math.abs(v.getEntry(a)) > 0.3) {
                    out[idx[a]] = true;
                    any = true;
                }
            }
            out[idx[arg]] = true;
            any = true;
        }
        return any;
    }
}
