package org.recoil.fitting.fit;

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
     * Builds a {@link FitResult} with errors and covariance at {@code x}. If the Hessian is not positive
     * definite, errors and covariance are NaN for the free parameters and the message says so.
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
        double[][] cov = new double[n][n];
        double[] err = new double[n];
        if (free.length > 0) {
            double[][] full = hessian(model, data, x, fixed);
            double[][] red = new double[free.length][free.length];
            boolean finite = true;
            for (int a = 0; a < free.length; a++) {
                for (int b = 0; b < free.length; b++) {
                    red[a][b] = full[free[a]][free[b]];
                    finite &= Double.isFinite(red[a][b]);
                }
            }
            double[] inv = new double[free.length * free.length];
            for (int a = 0; a < free.length; a++) {
                System.arraycopy(red[a], 0, inv, a * free.length, free.length);
            }
            if (!finite || !SpdInverse.invert(inv, free.length, 1e-15)) {
                inv = null;
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
                for (int a = 0; a < free.length; a++) {
                    for (int b = 0; b < free.length; b++) {
                        cov[free[a]][free[b]] = 2 * inv[a * free.length + b];
                    }
                    err[free[a]] = Math.sqrt(cov[free[a]][free[a]]);
                }
            }
        }
        return new FitResult(x, err, cov, twiceNll, status, iterations, message);
    }
}
