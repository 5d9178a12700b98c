package org.recoil.limits.scan;

import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.CholeskyDecomposition;
import org.hipparchus.linear.RealVector;
import org.hipparchus.exception.MathIllegalArgumentException;
import org.recoil.fitting.fit.ConvergenceCriteria;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.FitStatus;
import org.recoil.fitting.fit.HessianErrors;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.fit.ProjectedBfgsMinimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * The minimiser of the scan's limit searches: the limits module's {@link PointEstimateMinimizer}
 * (projected BFGS without the Hessian error step, the fitting module's standard cascade as fallback),
 * with a Newton polish after each of its two stages when that stage stops without meeting its
 * gradient criterion: up to {@value #NEWTON_STEPS} damped Newton steps on the parameters that are not
 * held at a bound, with the finite-difference Hessian of {@link HessianErrors#hessian}; the point is
 * accepted as the minimum when the Newton decrement ½ gᵀH⁻¹g (the decrease of −2 ln L still to be
 * gained) is below {@value #DECREMENT_TOLERANCE} and H is positive definite (Nocedal and Wright,
 * "Numerical Optimization", 2nd ed., Sec. 3.3 and 3.5; Boyd and Vandenberghe, "Convex Optimization",
 * Sec. 9.5.1).
 *
 * <p>The polish matters for models with very large counts (luminosity projections to 50 ab⁻¹, 10⁶
 * events per window): there −2 ln L is known only to ~10⁻⁹ of its terms, the line search stalls with a
 * projected gradient of 10⁻²–10² (the gradient scales with the counts), and an absolute gradient
 * criterion cannot be met although the minimum is found to far better than any test statistic needs.
 * Polished results carry NaN errors (not computed), as the point-estimate minimiser's. Stateless and
 * thread-safe.
 */
public final class ScanMinimizer implements Minimizer {

    /** Largest accepted Newton decrement ½ gᵀH⁻¹g of −2 ln L at the minimum. */
    public static final double DECREMENT_TOLERANCE = 1e-6;
    /** Newton steps of one polish. */
    public static final int NEWTON_STEPS = 8;

    private final Minimizer delegate = new PointEstimateMinimizer(
            polished(new ProjectedBfgsMinimizer(ConvergenceCriteria.defaults(), false)),
            polished(Minimizer.standard()));

    /** Creates the minimiser. */
    public ScanMinimizer() {
    }

    @Override
    public FitResult minimize(StatModel model, Data data, double[] init, boolean[] fixed) {
        return delegate.minimize(model, data, init, fixed);
    }

    /**
     * @param stage a minimiser
     * @return the minimiser followed, when its result has not converged, by a Newton polish
     */
    public static Minimizer polished(Minimizer stage) {
        return (model, data, init, fixed) -> {
            FitResult r = stage.minimize(model, data, init, fixed);
            return r.converged() ? r : polish(model, data, r, fixed);
        };
    }

    /**
     * Damped Newton steps from a non-converged result.
     *
     * @param model the model
     * @param data the data
     * @param start the non-converged result
     * @param fixed fixed parameters
     *
     * @return a converged result (Newton decrement below tolerance) or the best point with FAILED status
     */
    static FitResult polish(StatModel model, Data data, FitResult start, boolean[] fixed) {
        Parameters p = model.parameters();
        int n = p.size();
        double[] x = start.values();
        double f = model.twiceNll(x, data);
        if (!Double.isFinite(f)) {
            return start;
        }
        double[] g = new double[n];
        for (int step = 0; step <= NEWTON_STEPS; step++) {
            model.twiceNllGradient(x, data, g);
            boolean[] active = new boolean[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                boolean atLower = x[i] <= p.lower(i) && g[i] > 0;
                boolean atUpper = x[i] >= p.upper(i) && g[i] < 0;
                active[i] = !fixed[i] && !atLower && !atUpper;
                if (active[i]) {
                    m++;
                }
            }
            if (m == 0) {
                return converged(start, x, f, step, 0.0);
            }
            double[][] h = HessianErrors.hessian(model, data, x, fixed);
            int[] idx = new int[m];
            for (int i = 0, k = 0; i < n; i++) {
                if (active[i]) {
                    idx[k++] = i;
                }
            }
            double[][] hs = new double[m][m];
            double[] gs = new double[m];
            for (int a = 0; a < m; a++) {
                gs[a] = g[idx[a]];
                for (int b = 0; b < m; b++) {
                    hs[a][b] = h[idx[a]][idx[b]];
                }
            }
            RealVector dx;
            try {
                dx = new CholeskyDecomposition(new Array2DRowRealMatrix(hs, false), 1e-12, 1e-14).getSolver()
                        .solve(new ArrayRealVector(gs, false));
            } catch (MathIllegalArgumentException e) {
                return failed(start, x, f, "Newton polish: Hessian not positive definite");
            }
            double decrement = 0.5 * dx.dotProduct(new ArrayRealVector(gs, false));
            if (decrement < DECREMENT_TOLERANCE) {
                return converged(start, x, f, step, decrement);
            }
            // damped step x - t H^-1 g, clipped into the bounds, halving t until -2 ln L decreases
            double t = 1.0;
            boolean moved = false;
            double[] trial = new double[n];
            for (int k = 0; k < 30 && !moved; k++, t /= 2) {
                System.arraycopy(x, 0, trial, 0, n);
                for (int a = 0; a < m; a++) {
                    int i = idx[a];
                    trial[i] = Math.min(p.upper(i), Math.max(p.lower(i), x[i] - t * dx.getEntry(a)));
                }
                double ft = model.twiceNll(trial, data);
                if (ft < f) {
                    System.arraycopy(trial, 0, x, 0, n);
                    f = ft;
                    moved = true;
                }
            }
            if (!moved) {
                return failed(start, x, f, "Newton polish: no decrease (decrement " + decrement + ")");
            }
        }
        return failed(start, x, f, "Newton polish: not converged in " + NEWTON_STEPS + " steps");
    }

    private static FitResult converged(FitResult start, double[] x, double f, int steps, double decrement) {
        int n = x.length;
        double[] err = new double[n];
        double[][] cov = new double[n][n];
        java.util.Arrays.fill(err, Double.NaN);
        for (double[] row : cov) {
            java.util.Arrays.fill(row, Double.NaN);
        }
        return new FitResult(x, err, cov, f, FitStatus.CONVERGED, start.iterations() + steps,
                "converged after a Newton polish of " + steps + " step(s): Newton decrement " + decrement + " < "
                        + DECREMENT_TOLERANCE + " (" + start.message() + ")");
    }

    private static FitResult failed(FitResult start, double[] x, double f, String why) {
        int n = x.length;
        boolean better = f < start.twiceNll();
        return new FitResult(better ? x : start.values(), new double[n], new double[n][n],
                better ? f : start.twiceNll(), FitStatus.FAILED, start.iterations(), start.message() + "; " + why);
    }
}
