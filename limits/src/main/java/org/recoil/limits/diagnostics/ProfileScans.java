package org.recoil.limits.diagnostics;

import java.util.List;
import org.hipparchus.analysis.solvers.BrentSolver;
import org.hipparchus.exception.MathRuntimeException;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.calc.IndexedTasks;
import org.recoil.limits.calc.ProgressListener;
import org.recoil.limits.teststat.PointEstimateMinimizer;

/**
 * The profile likelihood of one or two parameters: MINOS-style intervals (crossings of a chosen rise of −2 ln L)
 * and scans on a grid, every other free parameter refitted at each point (profiled). Each conditional fit starts
 * from the neighbouring point's fit (warm start) in a fixed order, so results do not depend on the thread count.
 */
public final class ProfileScans {

    private static final int MAX_EXPANSIONS = 40;
    private static final int MAX_SOLVER_EVALUATIONS = 100;

    private final Minimizer minimizer;
    private final int threads;

    /**
     * @param minimizer minimiser of the conditional fits (errors are not needed)
     * @param threads worker threads of the 2D scan, at least 1
     */
    public ProfileScans(Minimizer minimizer, int threads) {
        if (threads < 1) {
            throw new InvalidInputException("--threads must be at least 1, got " + threads);
        }
        this.minimizer = minimizer;
        this.threads = threads;
    }

    /** @param threads worker threads; conditional fits use {@link PointEstimateMinimizer} */
    public ProfileScans(int threads) {
        this(new PointEstimateMinimizer(), threads);
    }

    /**
     * The MINOS-style interval of a parameter: on each side of the best fit, the value where the profile of
     * −2 ln L rises by {@code level} (bracketed by steps of Δθ̂ √level, then Brent's method to 1e-9 Δθ̂).
     *
     * @param model the model
     * @param data the data
     * @param fit the free fit (with errors)
     * @param name the parameter
     * @param level the rise of −2 ln L (1 for 68.3%, 3.84 for 95%)
     * @return the interval with the status of each side
     * @throws InvalidInputException naming the parameter if it is unknown or fixed, or the level if not positive
     */
    public MinosError minos(StatModel model, Data data, FitResult fit, String name, double level) {
        if (!(level > 0) || Double.isInfinite(level)) {
            throw new InvalidInputException("--level must be a positive number, got " + level);
        }
        int i = freeIndex(model.parameters(), fit, name, "MINOS");
        double x0 = fit.value(i);
        double sigma = fit.error(i);
        Parameters p = model.parameters();
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            sigma = 0.01 * (p.upper(i) - p.lower(i));
        }
        Profile prof = new Profile(model, data, fit, i);
        double[] lower = side(prof, x0, -1, sigma, level, p.lower(i));
        double[] upper = side(prof, x0, +1, sigma, level, p.upper(i));
        MinosError.Status[] st = MinosError.Status.values();
        return new MinosError(name, x0, level, lower[0], upper[0], st[(int) lower[1]], st[(int) upper[1]], prof.fits);
    }

    private static double[] side(Profile prof, double x0, int sign, double sigma, double level, double bound) {
        prof.reset();
        double step = sigma * Math.sqrt(level);
        double inner = x0;
        double outer = Double.NaN;
        for (int k = 0; k < MAX_EXPANSIONS; k++) {
            double t = x0 + sign * step;
            boolean atBound = sign * (t - bound) >= 0;
            if (atBound) {
                t = bound;
            }
            double g = prof.delta(t);
            if (Double.isNaN(g)) {
                return new double[] {Double.NaN, MinosError.Status.FIT_FAILED.ordinal()};
            }
            if (g >= level) {
                outer = t;
                break;
            }
            if (atBound) {
                return new double[] {Double.NaN, MinosError.Status.AT_BOUND.ordinal()};
            }
            inner = t;
            step *= 2;
        }
        if (Double.isNaN(outer)) {
            return new double[] {Double.NaN, MinosError.Status.AT_BOUND.ordinal()};
        }
        double lo = Math.min(inner, outer);
        double hi = Math.max(inner, outer);
        try {
            double root = new BrentSolver(1e-14, 1e-9 * sigma).solve(MAX_SOLVER_EVALUATIONS, t -> {
                double g = prof.delta(t);
                if (Double.isNaN(g)) {
                    throw new IllegalStateException("fit failed");
                }
                return g - level;
            }, lo, hi);
            return new double[] {root - x0, MinosError.Status.VALID.ordinal()};
        } catch (MathRuntimeException | IllegalStateException e) {
            return new double[] {Double.NaN, MinosError.Status.FIT_FAILED.ordinal()};
        }
    }

    /**
     * A one-dimensional profile scan on {@code points} equally spaced values from {@code from} to {@code to}.
     *
     * @param model the model
     * @param data the data
     * @param fit the free fit
     * @param name the scanned parameter
     * @param from first grid value
     * @param to last grid value (&gt; from)
     * @param points number of grid points, at least 2
     * @return the scan
     * @throws InvalidInputException naming the parameter or the option that is wrong
     */
    public Scan1D scan(StatModel model, Data data, FitResult fit, String name, double from, double to, int points) {
        int i = freeIndex(model.parameters(), fit, name, "--param");
        double[] x = grid(model.parameters(), i, name, from, to, points);
        Profile prof = new Profile(model, data, fit, i);
        double[] d = new double[points];
        sweep(prof, x, fit.value(i), d);
        return new Scan1D(name, fit.value(i), fit.twiceNll(), x, d);
    }

    /**
     * A two-dimensional profile scan on an equally spaced grid; rows of the first parameter run in parallel.
     *
     * @param model the model
     * @param data the data
     * @param fit the free fit
     * @param nameX first parameter
     * @param fromX first grid value of x
     * @param toX last grid value of x
     * @param pointsX grid points in x, at least 2
     * @param nameY second parameter
     * @param fromY first grid value of y
     * @param toY last grid value of y
     * @param pointsY grid points in y, at least 2
     * @return the scan
     * @throws InvalidInputException naming the parameter or the option that is wrong
     */
    public Scan2D scan2d(StatModel model, Data data, FitResult fit, String nameX, double fromX, double toX, int pointsX,
                         String nameY, double fromY, double toY, int pointsY) {
        Parameters p = model.parameters();
        int ix = freeIndex(p, fit, nameX, "--param");
        int iy = freeIndex(p, fit, nameY, "--param");
        if (ix == iy) {
            throw new InvalidInputException("--param: a 2D scan needs two different parameters, got '" + nameX
                    + "' twice");
        }
        double[] x = grid(p, ix, nameX, fromX, toX, pointsX);
        double[] y = grid(p, iy, nameY, fromY, toY, pointsY);
        List<double[]> rows = IndexedTasks.run(pointsX, threads, "recoil-nll-scan", ProgressListener.NONE, k -> {
            Profile prof = new Profile(model, data, fit, iy);
            prof.fixAlso(ix, x[k]);
            double[] d = new double[pointsY];
            sweep(prof, y, fit.value(iy), d);
            return d;
        });
        return new Scan2D(nameX, nameY, fit.value(ix), fit.value(iy), fit.twiceNll(), x, y,
                rows.toArray(double[][]::new));
    }

    /** Fills d[k] = profile(x[k]) − min, from the grid point nearest to {@code centre} outwards, warm-starting. */
    private static void sweep(Profile prof, double[] x, double centre, double[] d) {
        int start = 0;
        for (int k = 1; k < x.length; k++) {
            if (Math.abs(x[k] - centre) < Math.abs(x[start] - centre)) {
                start = k;
            }
        }
        prof.reset();
        for (int k = start; k < x.length; k++) {
            d[k] = checked(prof, x[k]);
        }
        prof.reset();
        for (int k = start - 1; k >= 0; k--) {
            d[k] = checked(prof, x[k]);
        }
    }

    private static double checked(Profile prof, double t) {
        double g = prof.delta(t);
        if (Double.isNaN(g)) {
            throw new org.recoil.fitting.fit.FitFailedException("profile fit of '"
                    + prof.model.parameters().names().get(prof.index) + "' = " + t + " did not converge: "
                    + prof.lastMessage, null);
        }
        return g;
    }

    private static double[] grid(Parameters p, int i, String name, double from, double to, int points) {
        if (points < 2) {
            throw new InvalidInputException("--points must be at least 2, got " + points);
        }
        if (!(from < to) || Double.isInfinite(from) || Double.isInfinite(to)) {
            throw new InvalidInputException("--range of '" + name + "' must be two finite numbers FROM,TO with FROM < TO,"
                    + " got " + from + "," + to);
        }
        if (from < p.lower(i) || to > p.upper(i)) {
            throw new InvalidInputException("--range " + from + "," + to + " of '" + name + "' is outside its bounds ["
                    + p.lower(i) + ", " + p.upper(i) + "]");
        }
        double[] x = new double[points];
        for (int k = 0; k < points; k++) {
            x[k] = k == points - 1 ? to : from + k * (to - from) / (points - 1);
        }
        return x;
    }

    private static int freeIndex(Parameters p, FitResult fit, String name, String what) {
        int i = p.names().indexOf(name);
        if (i < 0) {
            throw new InvalidInputException(what + ": no parameter named '" + name + "' in the model; parameters are "
                    + p.names());
        }
        if (p.isFixed(i) || fit.error(i) == 0) {
            throw new InvalidInputException(what + ": parameter '" + name + "' is fixed; it cannot be profiled");
        }
        return i;
    }

    /** Conditional fits of one parameter held at given values, each starting from the last one's result. */
    private final class Profile {
        final StatModel model;
        final Data data;
        final FitResult fit;
        final int index;
        final boolean[] fixed;
        double[] start;
        int fits;
        String lastMessage = "";

        Profile(StatModel model, Data data, FitResult fit, int index) {
            this.model = model;
            this.data = data;
            this.fit = fit;
            this.index = index;
            this.fixed = model.parameters().fixed();
            fixed[index] = true;
            this.start = fit.values();
        }

        void fixAlso(int other, double value) {
            fixed[other] = true;
            start[other] = value;
        }

        void reset() {
            double[] v = fit.values();
            for (int k = 0; k < v.length; k++) {
                if (fixed[k] && k != index) {
                    v[k] = start[k];
                }
            }
            start = v;
        }

        /** @return −2 ln L(t, profiled) − −2 ln L(global minimum), NaN if the fit failed */
        double delta(double t) {
            double[] init = start.clone();
            init[index] = t;
            FitResult r = minimizer.minimize(model, data, init, fixed);
            fits++;
            if (!r.converged()) {
                lastMessage = r.message();
                return Double.NaN;
            }
            start = r.values();
            return r.twiceNll() - fit.twiceNll();
        }
    }
}
