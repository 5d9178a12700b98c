package org.recoil.fitting.fit;

import org.recoil.fitting.model.ArrowMatrix;
import org.recoil.fitting.model.TwiceNllFunction;

/**
 * Projected Newton minimisation for models with many per-bin parameters (Bertsekas, "Projected Newton
 * methods for optimization problems with simple constraints", SIAM J. Control Optim. 20 (1982) 221): the
 * step solves H d = −g with the exact Hessian in arrow form ({@link ArrowMatrix}, through the Schur
 * complement of the per-bin blocks), or with the Fisher information where the Hessian is not positive
 * definite; parameters at a bound whose gradient pushes outwards are held; Armijo backtracking along the
 * projection onto the box. Memory O(n k) and O(n k²) time per iteration for n parameters of which k are
 * global, so a 20,000-parameter staterror model fits in seconds. Convergence as
 * {@link ProjectedBfgsMinimizer}: the projected gradient in width-scaled parameters.
 */
final class ArrowNewton {
    private static final double ARMIJO = 1e-4;

    private final TwiceNllFunction f;
    private final ConvergenceCriteria criteria;
    private final int n;
    private final double[] lower;
    private final double[] upper;
    private final boolean[] fixed;
    private final double[] width;
    private final ArrowMatrix matrix;
    /** null: no progress reported */
    private final MinimizerListener listener;
    final double[] x;
    double fx;
    int iterations;
    int evaluations;
    String message = "";

    ArrowNewton(TwiceNllFunction f, ConvergenceCriteria criteria, double[] start, boolean[] fixed, double[] lower,
                double[] upper, MinimizerListener listener) {
        this.f = f;
        this.listener = listener;
        this.criteria = criteria;
        this.n = start.length;
        this.lower = lower;
        this.upper = upper;
        this.fixed = fixed;
        this.x = start.clone();
        for (int i = 0; i < n; i++) {
            if (!fixed[i]) {
                x[i] = Math.min(upper[i], Math.max(lower[i], x[i]));
            }
        }
        int[] free = ProjectedBfgsMinimizer.freeIndices(fixed);
        double[] w = ProjectedBfgsMinimizer.preFitWidths(f, x, free, lower, upper);
        width = new double[n];
        for (int j = 0; j < free.length; j++) {
            width[free[j]] = w[j];
        }
        matrix = new ArrowMatrix(f.arrowStructure());
    }

    FitStatus minimize() {
        double[] g = new double[n];
        double[] gNew = new double[n];
        double[] d = new double[n];
        double[] xNew = new double[n];
        boolean[] held = new boolean[n];
        fx = eval(x, g);
        if (!Double.isFinite(fx)) {
            message = "-2 ln L is not finite at the start point";
            return FitStatus.FAILED;
        }
        if (listener != null) {
            listener.iteration(0, fx);
        }
        boolean useFisher = false;
        while (true) {
            double pg = projectedGradient(x, g);
            if (pg <= criteria.gradientTolerance()) {
                message = "projected gradient " + pg + " <= " + criteria.gradientTolerance() + " (arrow Newton)";
                return FitStatus.CONVERGED;
            }
            if (iterations >= criteria.maxIterations() || evaluations >= criteria.maxEvaluations()) {
                message = "budget exhausted after " + iterations + " iterations (projected gradient " + pg + ")";
                return FitStatus.MAX_ITERATIONS;
            }
            iterations++;
            for (int i = 0; i < n; i++) {
                held[i] = fixed[i] || (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
            }
            double slope = direction(g, d, held, useFisher);
            if (!(slope < 0) && !useFisher) {
                useFisher = true;
                slope = direction(g, d, held, true);
            }
            if (!(slope < 0)) {
                // steepest descent in scaled parameters
                slope = 0;
                for (int i = 0; i < n; i++) {
                    d[i] = held[i] ? 0 : -width[i] * width[i] * g[i];
                    slope += d[i] * g[i];
                }
            }
            double t = 1;
            boolean accepted = false;
            double fNew = Double.NaN;
            for (int ls = 0; ls < 50; ls++) {
                double decrease = 0;
                for (int i = 0; i < n; i++) {
                    xNew[i] = held[i] ? x[i] : Math.min(upper[i], Math.max(lower[i], x[i] + t * d[i]));
                    decrease += g[i] * (xNew[i] - x[i]);
                }
                fNew = eval(xNew, gNew);
                if (fNew <= fx + ARMIJO * Math.min(decrease, 0)) {
                    accepted = true;
                    break;
                }
                t *= 0.5;
            }
            if (!accepted || !(fNew < fx)) {
                if (!useFisher) {
                    useFisher = true;
                    continue;
                }
                message = "no further decrease possible (projected gradient " + pg + ", arrow Newton)";
                return pg <= criteria.stallGradientTolerance() ? FitStatus.CONVERGED : FitStatus.FAILED;
            }
            double fOld = fx;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (listener != null) {
                listener.iteration(iterations, fx);
            }
            // back to the exact Hessian once the Fisher steps have brought the fit near the minimum
            useFisher = false;
            if (fOld - fx <= 1e-15 * Math.max(1, Math.abs(fx))
                    && projectedGradient(x, g) <= criteria.stallGradientTolerance()) {
                message = "-2 ln L no longer decreases (projected gradient " + projectedGradient(x, g)
                        + ", arrow Newton)";
                return FitStatus.CONVERGED;
            }
        }
    }

    /** d = −M⁻¹ g on the parameters not held (M the Hessian or the Fisher information); returns g·d (NaN if M is not positive definite). */
    private double direction(double[] g, double[] d, boolean[] held, boolean fisher) {
        boolean filled = fisher ? f.fisherInformation(x, matrix) : f.hessian(x, matrix);
        if (!filled) {
            return Double.NaN;
        }
        ArrowMatrix.Factorization fac = matrix.factor(held);
        if (fac == null) {
            return Double.NaN;
        }
        fac.solve(g, d);
        double slope = 0;
        for (int i = 0; i < n; i++) {
            d[i] = held[i] ? 0 : -d[i];
            slope += d[i] * g[i];
        }
        return slope;
    }

    private double eval(double[] at, double[] grad) {
        evaluations++;
        double v = f.valueAndGradient(at, grad);
        if (Double.isNaN(v)) {
            return Double.POSITIVE_INFINITY;
        }
        for (int i = 0; i < n; i++) {
            if (!fixed[i] && !Double.isFinite(grad[i])) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return v;
    }

    /** max |∂(−2 ln L)/∂u| over the free parameters, u = θ/width, without components pushing out of a bound */
    private double projectedGradient(double[] at, double[] grad) {
        double norm = 0;
        for (int i = 0; i < n; i++) {
            if (fixed[i] || (at[i] <= lower[i] && grad[i] > 0) || (at[i] >= upper[i] && grad[i] < 0)) {
                continue;
            }
            norm = Math.max(norm, Math.abs(grad[i] * width[i]));
        }
        return norm;
    }
}
