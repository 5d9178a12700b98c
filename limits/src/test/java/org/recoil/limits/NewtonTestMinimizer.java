package org.recoil.limits;

import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.FitStatus;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;

/**
 * Test-only minimiser for small models until the fitting module's implementation lands: projected
 * Newton with a finite-difference Hessian of the analytic gradient and an active set for bounds.
 */
public final class NewtonTestMinimizer implements Minimizer {

    @Override
    public FitResult minimize(StatModel model, Data data, double[] init, boolean[] fixed) {
        Parameters p = model.parameters();
        int n = p.size();
        double[] lo = p.lower();
        double[] hi = p.upper();
        double[] x = init.clone();
        for (int i = 0; i < n; i++) {
            if (!fixed[i]) {
                x[i] = Math.min(Math.max(x[i], lo[i]), hi[i]);
            }
        }
        double[] g = new double[n];
        double f = model.twiceNllGradient(x, data, g);
        if (!Double.isFinite(f)) {
            return new FitResult(x, new double[n], new double[n][n], f, FitStatus.FAILED, 0, "non-finite start");
        }
        int iter = 0;
        boolean converged = false;
        double[][] hess = null;
        int[] idx = null;
        while (iter++ < 500) {
            int m = 0;
            int[] ix = new int[n];
            double pg = 0;
            for (int i = 0; i < n; i++) {
                if (fixed[i]) {
                    continue;
                }
                boolean active = (x[i] <= lo[i] && g[i] > 0) || (x[i] >= hi[i] && g[i] < 0);
                if (!active) {
                    ix[m++] = i;
                    pg = Math.max(pg, Math.abs(g[i]) * Math.max(1, Math.abs(x[i])));
                }
            }
            idx = java.util.Arrays.copyOf(ix, m);
            hess = hessian(model, data, x, idx, lo, hi);
            if (m == 0 || pg < 1e-9) {
                converged = true;
                break;
            }
            double[] d = null;
            double lambda = 0;
            for (int attempt = 0; attempt < 30 && d == null; attempt++) {
                d = solve(hess, idx, g, lambda);
                lambda = lambda == 0 ? 1e-8 : lambda * 10;
            }
            if (d == null) {
                d = new double[m];
                for (int k = 0; k < m; k++) {
                    d[k] = -g[idx[k]];
                }
            }
            double t = 1;
            double[] xn = new double[n];
            double fn = Double.NaN;
            double[] gn = new double[n];
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                System.arraycopy(x, 0, xn, 0, n);
                double slope = 0;
                for (int k = 0; k < m; k++) {
                    int i = idx[k];
                    xn[i] = Math.min(Math.max(x[i] + t * d[k], lo[i]), hi[i]);
                    slope += g[i] * (xn[i] - x[i]);
                }
                fn = model.twiceNllGradient(xn, data, gn);
                if (Double.isFinite(fn) && fn <= f + 1e-4 * Math.min(slope, 0) + 1e-13 * Math.abs(f)) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted) {
                converged = pg < 1e-5;
                break;
            }
            double step = 0;
            for (int i = 0; i < n; i++) {
                step = Math.max(step, Math.abs(xn[i] - x[i]));
            }
            double df = f - fn;
            System.arraycopy(xn, 0, x, 0, n);
            System.arraycopy(gn, 0, g, 0, n);
            f = fn;
            if (step < 1e-13 || (df >= 0 && df < 1e-15 && step < 1e-9)) {
                converged = true;
                break;
            }
        }
        double[][] cov = new double[n][n];
        double[] err = new double[n];
        if (idx != null && idx.length > 0) {
            double[][] inv = invert(hess);
            if (inv != null) {
                for (int a = 0; a < idx.length; a++) {
                    for (int b = 0; b < idx.length; b++) {
                        cov[idx[a]][idx[b]] = 2 * inv[a][b];
                    }
                }
                for (int a = 0; a < idx.length; a++) {
                    err[idx[a]] = Math.sqrt(Math.max(cov[idx[a]][idx[a]], 0));
                }
            }
        }
        return new FitResult(x, err, cov, f, converged ? FitStatus.CONVERGED : FitStatus.FAILED, iter,
                "test Newton minimiser");
    }

    private static double[][] hessian(StatModel model, Data data, double[] x, int[] idx, double[] lo, double[] hi) {
        int n = x.length;
        int m = idx.length;
        double[][] h = new double[m][m];
        double[] gp = new double[n];
        double[] gm = new double[n];
        for (int b = 0; b < m; b++) {
            int j = idx[b];
            double step = 1e-5 * Math.max(1, Math.abs(x[j]));
            double up = Math.min(x[j] + step, hi[j]);
            double dn = Math.max(x[j] - step, lo[j]);
            double[] xp = x.clone();
            double[] xm = x.clone();
            xp[j] = up;
            xm[j] = dn;
            model.twiceNllGradient(xp, data, gp);
            model.twiceNllGradient(xm, data, gm);
            for (int a = 0; a < m; a++) {
                h[a][b] = (gp[idx[a]] - gm[idx[a]]) / (up - dn);
            }
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < a; b++) {
                double s = 0.5 * (h[a][b] + h[b][a]);
                h[a][b] = s;
                h[b][a] = s;
            }
        }
        return h;
    }

    private static double[] solve(double[][] h, int[] idx, double[] g, double lambda) {
        int m = idx.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[i][j] + (i == j ? lambda * Math.max(1, Math.abs(h[i][i])) : 0);
                for (int k = 0; k < j; k++) {
                    s -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(s);
                } else {
                    l[i][j] = s / l[j][j];
                }
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double s = -g[idx[i]];
            for (int k = 0; k < i; k++) {
                s -= l[i][k] * y[k];
            }
            y[i] = s / l[i][i];
        }
        double[] d = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < m; k++) {
                s -= l[k][i] * d[k];
            }
            d[i] = s / l[i][i];
        }
        return d;
    }

    private static double[][] invert(double[][] h) {
        int m = h.length;
        double[][] inv = new double[m][m];
        for (int c = 0; c < m; c++) {
            double[] e = new double[m];
            e[c] = -1;
            int[] id = new int[m];
            for (int i = 0; i < m; i++) {
                id[i] = i;
            }
            double[] col = solve(h, id, e, 0);
            if (col == null) {
                return null;
            }
            for (int r = 0; r < m; r++) {
                inv[r][c] = col[r];
            }
        }
        return inv;
    }
}
