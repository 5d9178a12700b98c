package org.recoil.fitting.fit;

import java.util.Arrays;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.model.TwiceNllFunction;

/**
 * Bounded quasi-Newton minimiser: projected BFGS with an active set (Bertsekas, "Projected Newton
 * methods for optimization problems with simple constraints", SIAM J. Control Optim. 20 (1982) 221;
 * Kelley, "Iterative Methods for Optimization", SIAM 1999, section 5.5.3) using the model's analytic
 * gradient, on flat arrays.
 *
 * <p>Each iteration: parameters at a bound whose gradient pushes outwards are held (active set); the
 * direction is −H g on the others, with H the BFGS inverse-Hessian approximation (Nocedal and Wright,
 * "Numerical Optimization", eq. 6.17); components of parameters at a bound that would step outwards are
 * dropped for that step; the step is limited to the box and chosen by an Armijo backtracking line search
 * with safeguarded quadratic interpolation. Convergence: {@link ConvergenceCriteria}. Stateless and
 * thread-safe.
 *
 * <p>Scaling: the minimiser works on u = (θ − θ₀)/w, w the pre-fit width of each free parameter
 * ({@link #preFitWidths}); the gradient tolerance applies to ∂(−2 ln L)/∂u, so that parameters whose widths
 * span 10⁻⁶ (a shapesys constraint with τ ≈ 10¹¹) to 10 converge alike.
 *
 * <p>Start curvature: when the function provides its Fisher information
 * ({@link TwiceNllFunction#fisherInformation}, e.g. a HistFactory model), H starts as its inverse on the
 * free parameters not at a bound, so that the first steps are Fisher-scoring (Gauss-Newton) steps; this
 * cuts the iterations on the 64-parameter ATLAS sbottom likelihoods from about 125 to about 12. When
 * parameters reach a bound, they are removed from H by a Schur-complement downdate (H ← H − H e_p e_pᵀ
 * H / H_pp, the inverse of the restricted Hessian approximation; Bertsekas 1982); when a parameter leaves
 * its bound, or a line search fails, H restarts from the Fisher information at the current point.
 * Otherwise H starts as the identity scaled after the first step (Nocedal and Wright, eq. 6.20).
 */
public final class ProjectedBfgsMinimizer implements Minimizer {
    private static final double ARMIJO = 1e-4;

    /** From this many free parameters on, models with an arrow structure are fitted by {@link ArrowNewton}. */
    public static final int STRUCTURED_FROM = 150;

    private final ConvergenceCriteria criteria;
    private final boolean computeErrors;
    private final int structuredFrom;
    private final boolean anyArrow;
    /** null: no progress reported */
    private final MinimizerListener listener;

    /**
     * @param criteria convergence criteria and budget
     * @param computeErrors whether to compute the covariance from the Hessian at the minimum
     */
    public ProjectedBfgsMinimizer(ConvergenceCriteria criteria, boolean computeErrors) {
        this(criteria, computeErrors, STRUCTURED_FROM);
    }

    /**
     * @param criteria convergence criteria and budget
     * @param computeErrors whether to compute the covariance from the Hessian at the minimum
     * @param structuredFrom from this many free parameters on, a function with an
     *                       {@link TwiceNllFunction#arrowStructure() arrow structure} is minimised by projected
     *                       Newton steps through the Schur complement (O(n k) memory) instead of dense BFGS
     *                       (O(n²) memory, O(n³) time for its Fisher start)
     */
    public ProjectedBfgsMinimizer(ConvergenceCriteria criteria, boolean computeErrors, int structuredFrom) {
        this(criteria, computeErrors, structuredFrom, false);
    }

    /** As the public constructor; {@code anyArrow}: use the structured path for any arrow structure (tests). */
    ProjectedBfgsMinimizer(ConvergenceCriteria criteria, boolean computeErrors, int structuredFrom, boolean anyArrow) {
        this(criteria, computeErrors, structuredFrom, anyArrow, null);
    }

    private ProjectedBfgsMinimizer(ConvergenceCriteria criteria, boolean computeErrors, int structuredFrom,
                                   boolean anyArrow, MinimizerListener listener) {
        this.criteria = criteria;
        this.computeErrors = computeErrors;
        this.structuredFrom = structuredFrom;
        this.anyArrow = anyArrow;
        this.listener = listener;
    }

    /** A minimiser with {@link ConvergenceCriteria#defaults()} that computes errors. */
    public ProjectedBfgsMinimizer() {
        this(ConvergenceCriteria.defaults(), true);
    }

    /** @return the criteria */
    public ConvergenceCriteria criteria() {
        return criteria;
    }

    @Override
    public ProjectedBfgsMinimizer withListener(MinimizerListener l) {
        return new ProjectedBfgsMinimizer(criteria, computeErrors, structuredFrom, anyArrow, l);
    }

    @Override
    public FitResult minimize(StatModel model, Data data, double[] init, boolean[] fixed) {
        var p = model.parameters();
        int n = p.size();
        if (init.length != n || fixed.length != n) {
            throw new IllegalArgumentException("init and fixed must have length " + n);
        }
        double[] lower = p.lower();
        double[] upper = p.upper();
        int[] free = freeIndices(fixed);
        int m = free.length;
        double[] full = init.clone();
        for (int i : free) {
            full[i] = Math.min(upper[i], Math.max(lower[i], full[i]));
        }
        TwiceNllFunction f = model.twiceNllFunction(data);
        double[] values;
        double fx;
        FitStatus status;
        int iterations;
        String message;
        if (m >= structuredFrom && (anyArrow ? f.arrowStructure() != null : usesArrow(f))) {
            ArrowNewton newton = new ArrowNewton(f, criteria, full, fixed, lower, upper, listener);
            status = newton.minimize();
            values = newton.x.clone();
            fx = newton.fx;
            iterations = newton.iterations;
            message = newton.message;
        } else {
            Run run = new Run(f, full, new double[n], free, lower, upper);
            status = run.minimize();
            values = run.full.clone();
            fx = run.fx;
            iterations = run.iterations;
            message = run.message;
        }
        if (!computeErrors) {
            return new FitResult(values, new double[n], n <= CovarianceTooLargeException.MAX_DENSE_PARAMETERS
                    ? new double[n][n] : null, fx, status, iterations, message, new int[0], null);
        }
        return HessianErrors.withErrors(model, data, values, fixed, fx, status, iterations, message);
    }

    /**
     * Pre-fit widths of the free parameters, by which the minimiser scales them (x = centre + width · u):
     * √(2/F_ii) from the diagonal of the Fisher information of −2 ln L at the start point (the width of each
     * parameter with the others fixed), capped at the width of its box; 1 where the function provides no
     * Fisher information or a parameter has none. On the scaled parameters, widths from 10⁻⁶ to 10
     * converge alike and the gradient tolerance means the same for every parameter.
     */
    static double[] preFitWidths(TwiceNllFunction f, double[] at, int[] free, double[] lower, double[] upper) {
        double[] w = new double[free.length];
        Arrays.fill(w, 1.0);
        double[] diag = new double[at.length];
        boolean have = f.fisherDiagonal(at, diag);
        for (int j = 0; j < free.length; j++) {
            int i = free[j];
            double span = upper[i] - lower[i];
            double s = have && diag[i] > 0 && Double.isFinite(diag[i]) ? Math.sqrt(2 / diag[i]) : 1.0;
            if (span > 0 && Double.isFinite(span)) {
                s = Math.min(s, span);
            }
            w[j] = s > 0 && Double.isFinite(s) ? s : 1.0;
        }
        return w;
    }

    /**
     * @return whether f has an arrow structure that pays off: at least as many per-bin (local) parameters as
     *         global ones (else the Schur complement is as large as the matrix)
     */
    static boolean usesArrow(TwiceNllFunction f) {
        var a = f.arrowStructure();
        return a != null && a.localCount() >= a.globalCount();
    }

    static int[] freeIndices(boolean[] fixed) {
        int m = 0;
        for (boolean b : fixed) {
            m += b ? 0 : 1;
        }
        int[] free = new int[m];
        int j = 0;
        for (int i = 0; i < fixed.length; i++) {
            if (!fixed[i]) {
                free[j++] = i;
            }
        }
        return free;
    }

    /** One minimisation: state and scratch arrays (reduced space of the free parameters). */
    private final class Run {
        final TwiceNllFunction f;
        final double[] full;
        final double[] gFull;
        final int[] free;
        final int m;
        /** bounds of the full parameters */
        final double[] lower;
        final double[] upper;
        /** the reduced, scaled coordinates: parameter free[j] = centre[j] + scale[j] · x[j] */
        final double[] centre;
        final double[] scale;
        /** bounds in scaled coordinates */
        final double[] lo;
        final double[] hi;
        final double[] x;
        final double[] g;
        final double[] xNew;
        final double[] gNew;
        final double[] d;
        final double[] s;
        final double[] y;
        final double[] hy;
        final double[] h;
        final boolean[] active;
        double[] fisher;
        int[] fisherIndex;
        /** the active set H was built for by {@link #resetFromFisher()} */
        final boolean[] activeOfH;
        boolean hasFisher = true;
        double fx;
        int iterations;
        int evaluations;
        String message = "";

        Run(TwiceNllFunction f, double[] full, double[] gFull, int[] free, double[] lowerBounds, double[] upperBounds) {
            this.f = f;
            this.full = full;
            this.gFull = gFull;
            this.free = free;
            this.m = free.length;
            lo = new double[m];
            hi = new double[m];
            x = new double[m];
            lower = lowerBounds;
            upper = upperBounds;
            centre = new double[m];
            scale = preFitWidths(f, full, free, lowerBounds, upperBounds);
            for (int j = 0; j < m; j++) {
                centre[j] = full[free[j]];
                lo[j] = (lower[free[j]] - centre[j]) / scale[j];
                hi[j] = (upper[free[j]] - centre[j]) / scale[j];
            }
            g = new double[m];
            xNew = new double[m];
            gNew = new double[m];
            d = new double[m];
            s = new double[m];
            y = new double[m];
            hy = new double[m];
            h = new double[m * m];
            active = new boolean[m];
            activeOfH = new boolean[m];
        }

        /** −2 ln L and gradient at reduced point {@code at}; writes the gradient into {@code grad}. */
        double eval(double[] at, double[] grad) {
            evaluations++;
            store(at);
            double v = f.valueAndGradient(full, gFull);
            if (Double.isNaN(v)) {
                return Double.POSITIVE_INFINITY;
            }
            for (int j = 0; j < m; j++) {
                grad[j] = gFull[free[j]] * scale[j];
                if (!Double.isFinite(grad[j])) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            return v;
        }

        double projectedGradientNorm(double[] at, double[] grad) {
            double norm = 0;
            for (int j = 0; j < m; j++) {
                double gj = grad[j];
                if ((at[j] <= lo[j] && gj > 0) || (at[j] >= hi[j] && gj < 0)) {
                    continue;
                }
                norm = Math.max(norm, Math.abs(gj));
            }
            return norm;
        }

        /**
         * H ← F⁻¹ on the free parameters that are not held at a bound, F the function's Fisher information
         * at x restricted to them (a Gauss-Newton start for BFGS: a first step of length 1 is then a
         * Fisher-scoring step; Bertsekas 1982: the reduced Hessian of the inactive set); rows and columns of
         * active parameters are 0.
         *
         * @return false if the function has no Fisher information or it is not positive definite
         */
        boolean resetFromFisher() {
            int n = full.length;
            if (fisher == null) {
                fisher = new double[n * n];
                fisherIndex = new int[m];
            }
            store(x);
            if (!f.fisherInformation(full, fisher)) {
                return false;
            }
            int k = 0;
            for (int j = 0; j < m; j++) {
                if (!active[j]) {
                    fisherIndex[k++] = j;
                }
            }
            double[] sub = new double[k * k];
            for (int a = 0; a < k; a++) {
                int row = free[fisherIndex[a]] * n;
                double sa = scale[fisherIndex[a]];
                for (int b = 0; b < k; b++) {
                    sub[a * k + b] = fisher[row + free[fisherIndex[b]]] * sa * scale[fisherIndex[b]];
                }
            }
            if (!SpdInverse.invert(sub, k, 1e-14)) {
                return false; // not positive definite (e.g. a free parameter without any effect)
            }
            Arrays.fill(h, 0);
            for (int a = 0; a < k; a++) {
                int row = fisherIndex[a] * m;
                for (int b = 0; b < k; b++) {
                    h[row + fisherIndex[b]] = sub[a * k + b];
                }
            }
            System.arraycopy(active, 0, activeOfH, 0, m);
            return true;
        }

        private boolean onlyNewlyActive() {
            for (int j = 0; j < m; j++) {
                if (!active[j] && activeOfH[j]) {
                    return false;
                }
            }
            return true;
        }

        /**
         * Drops parameter p from the inverse-Hessian approximation: H ← H − H e_p e_pᵀ H / H_pp, the inverse of
         * the Hessian approximation restricted to the other parameters (block inversion, Schur complement),
         * then row and column p set to 0.
         */
        private void removeFromH(int p) {
            double hpp = h[p * m + p];
            if (hpp > 0) {
                double[] col = hy;
                for (int i = 0; i < m; i++) {
                    col[i] = h[i * m + p];
                }
                for (int i = 0; i < m; i++) {
                    double ci = col[i] / hpp;
                    if (ci == 0) {
                        continue;
                    }
                    int row = i * m;
                    for (int j = 0; j < m; j++) {
                        h[row + j] -= ci * col[j];
                    }
                }
            }
            for (int i = 0; i < m; i++) {
                h[i * m + p] = 0;
                h[p * m + i] = 0;
            }
            activeOfH[p] = true;
        }

        void resetH(double scale) {
            Arrays.fill(h, 0);
            for (int j = 0; j < m; j++) {
                h[j * m + j] = scale;
            }
        }

        FitStatus minimize() {
            fx = eval(x, g);
            if (!Double.isFinite(fx)) {
                store(x);
                message = "-2 ln L is not finite at the start point";
                return FitStatus.FAILED;
            }
            if (m == 0) {
                message = "no free parameters";
                return FitStatus.CONVERGED;
            }
            if (listener != null) {
                listener.iteration(0, fx);
            }
            for (int j = 0; j < m; j++) {
                active[j] = (x[j] <= lo[j] && g[j] > 0) || (x[j] >= hi[j] && g[j] < 0);
            }
            boolean scaled = resetFromFisher();
            hasFisher = scaled;
            if (!scaled) {
                resetH(1.0);
            }
            int fisherResetAt = iterations;
            while (true) {
                double pg = projectedGradientNorm(x, g);
                if (pg <= criteria.gradientTolerance()) {
                    message = "projected gradient " + pg + " <= " + criteria.gradientTolerance();
                    store(x);
                    return FitStatus.CONVERGED;
                }
                if (iterations >= criteria.maxIterations() || evaluations >= criteria.maxEvaluations()) {
                    message = "budget exhausted after " + iterations + " iterations and " + evaluations
                            + " evaluations (projected gradient " + pg + ")";
                    store(x);
                    return FitStatus.MAX_ITERATIONS;
                }
                iterations++;
                for (int j = 0; j < m; j++) {
                    active[j] = (x[j] <= lo[j] && g[j] > 0) || (x[j] >= hi[j] && g[j] < 0);
                }
                if (hasFisher && !Arrays.equals(active, activeOfH)) {
                    // the set of parameters held at a bound changed: the curvature of the new free set is the
                    // Schur complement of H when parameters only became active, else a Fisher restart
                    if (onlyNewlyActive()) {
                        for (int j = 0; j < m; j++) {
                            if (active[j] && !activeOfH[j]) {
                                removeFromH(j);
                            }
                        }
                    } else if (resetFromFisher()) {
                        scaled = true;
                        fisherResetAt = iterations;
                    }
                }
                double slope = direction();
                if (!(slope < 0)) {
                    resetH(scaled ? 1.0 / Math.max(1e-12, pg) : 1.0);
                    slope = direction();
                }
                if (!(slope < 0)) {
                    message = "no descent direction (projected gradient " + pg + ")";
                    store(x);
                    return stalled(pg);
                }
                for (int j = 0; j < m; j++) {
                    // a parameter at its bound whose step points outwards stays there for this step (its
                    // gradient points inwards, so dropping it keeps a descent direction)
                    if ((x[j] <= lo[j] && d[j] < 0) || (x[j] >= hi[j] && d[j] > 0)) {
                        slope -= d[j] * g[j];
                        d[j] = 0;
                    }
                }
                double tMax = Double.POSITIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    if (d[j] < 0) {
                        tMax = Math.min(tMax, (lo[j] - x[j]) / d[j]);
                    } else if (d[j] > 0) {
                        tMax = Math.min(tMax, (hi[j] - x[j]) / d[j]);
                    }
                }
                double t = Math.min(1.0, tMax);
                if (!scaled) {
                    double dn = 0;
                    for (int j = 0; j < m; j++) {
                        dn = Math.max(dn, Math.abs(d[j]));
                    }
                    t = Math.min(t, 1.0 / dn);
                }
                double fNew = Double.NaN;
                boolean accepted = false;
                for (int ls = 0; ls < 60; ls++) {
                    step(t, tMax);
                    fNew = eval(xNew, gNew);
                    if (fNew <= fx + ARMIJO * t * slope) {
                        accepted = true;
                        break;
                    }
                    double tq = Double.isFinite(fNew)
                            ? -slope * t * t / (2 * (fNew - fx - slope * t)) : 0.1 * t;
                    t = Math.max(0.1 * t, Math.min(0.5 * t, tq));
                }
                if (!accepted) {
                    if (scaled && fisherResetAt != iterations && resetFromFisher()) {
                        // retry with the curvature of the expected information at this point
                        fisherResetAt = iterations;
                        continue;
                    }
                    if (scaled) {
                        // retry along the steepest descent with a fresh approximation
                        resetH(1.0 / Math.max(1e-12, pg));
                        scaled = false;
                        continue;
                    }
                    store(x);
                    message = "line search failed (projected gradient " + pg + ")";
                    return stalled(pg);
                }
                if (!(fNew < fx)) {
                    store(x);
                    message = "no further decrease possible (projected gradient " + pg + ")";
                    return stalled(pg);
                }
                double sy = 0;
                double yy = 0;
                for (int j = 0; j < m; j++) {
                    s[j] = xNew[j] - x[j];
                    y[j] = active[j] ? 0 : gNew[j] - g[j];
                    sy += s[j] * y[j];
                    yy += y[j] * y[j];
                }
                if (sy > 1e-12 * Math.sqrt(yy) * norm(s)) {
                    if (!scaled) {
                        resetH(sy / yy);
                        scaled = true;
                    }
                    bfgsUpdate(sy);
                }
                double fOld = fx;
                System.arraycopy(xNew, 0, x, 0, m);
                System.arraycopy(gNew, 0, g, 0, m);
                fx = fNew;
                if (listener != null) {
                    listener.iteration(iterations, fx);
                }
                if (fOld - fx <= 1e-15 * Math.max(1, Math.abs(fx)) && projectedGradientNorm(x, g)
                        <= criteria.stallGradientTolerance() && iterations > 3 * m + 10) {
                    store(x);
                    message = "-2 ln L no longer decreases (projected gradient " + projectedGradientNorm(x, g) + ")";
                    return FitStatus.CONVERGED;
                }
            }
        }

        private FitStatus stalled(double pg) {
            return pg <= criteria.stallGradientTolerance() ? FitStatus.CONVERGED : FitStatus.FAILED;
        }

        private double norm(double[] v) {
            double s2 = 0;
            for (double a : v) {
                s2 += a * a;
            }
            return Math.sqrt(s2);
        }

        /** d = −H g on the inactive set, 0 on the active set; returns the directional derivative g·d. */
        private double direction() {
            double slope = 0;
            for (int i = 0; i < m; i++) {
                if (active[i]) {
                    d[i] = 0;
                    continue;
                }
                double sum = 0;
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    if (!active[j]) {
                        sum -= h[row + j] * g[j];
                    }
                }
                d[i] = sum;
                slope += sum * g[i];
            }
            return slope;
        }

        /** xNew = x + t d, clipped to the box; components that reach their bound at tMax are set exactly. */
        private void step(double t, double tMax) {
            for (int j = 0; j < m; j++) {
                xNew[j] = Math.min(hi[j], Math.max(lo[j], x[j] + t * d[j]));
                if (t >= tMax && d[j] != 0) {
                    double tj = d[j] < 0 ? (lo[j] - x[j]) / d[j] : (hi[j] - x[j]) / d[j];
                    if (tj <= tMax * (1 + 1e-12)) {
                        xNew[j] = d[j] < 0 ? lo[j] : hi[j];
                    }
                }
            }
        }

        /** H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1/(yᵀs). */
        private void bfgsUpdate(double sy) {
            double rho = 1 / sy;
            double yhy = 0;
            for (int i = 0; i < m; i++) {
                double sum = 0;
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    sum += h[row + j] * y[j];
                }
                hy[i] = sum;
                yhy += y[i] * sum;
            }
            double c = rho * rho * yhy + rho;
            for (int i = 0; i < m; i++) {
                int row = i * m;
                double si = s[i];
                double hyi = hy[i];
                for (int j = 0; j < m; j++) {
                    h[row + j] += c * si * s[j] - rho * (hyi * s[j] + si * hy[j]);
                }
            }
        }

        /** full ← the parameters at scaled point {@code at}; exactly at a bound where {@code at} is at it. */
        private void store(double[] at) {
            for (int j = 0; j < m; j++) {
                int i = free[j];
                double u = at[j];
                full[i] = u <= lo[j] ? lower[i] : u >= hi[j] ? upper[i]
                        : Math.min(upper[i], Math.max(lower[i], centre[j] + scale[j] * u));
            }
        }
    }
}
